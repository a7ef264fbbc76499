package io.refinery.platform.events;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Binds an event's {@code data} to its contract record. Fields a later producer adds within the same version are
 * passed over (a consumer is not broken by an addition); a field of the wrong shape is a
 * {@link PoisonMessageException} that names it ({@code data.features[0].pValue: ...}).
 */
final class EventData {

    private EventData() {
    }

    /** The envelope's {@code data}, which must be an object, as a {@code type}. */
    static <T> T bind(ObjectMapper mapper, JsonNode envelope, Class<T> type) {
        JsonNode data = EventFields.object(envelope, "data");
        try {
            return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(data);
        } catch (JsonMappingException e) {
            throw new PoisonMessageException(path(e) + " does not fit " + type.getSimpleName() + ": "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonMessageException("data does not fit " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("data");
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append('.').append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
