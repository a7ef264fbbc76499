package io.refinery.platform.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Reads {@link RollupClosed} events from {@value RollupClosed#TOPIC} with the errors of {@link EventFields} (a
 * {@link PoisonMessageException} naming the field): a period must end after it starts, figures must be finite and
 * counts not negative.
 */
public final class RollupEvents {

    private RollupEvents() {
    }

    /** The closed period a record carries, or null when the record is another event type of the topic. */
    public static ReceivedEvent<RollupClosed> read(ObjectMapper mapper, byte[] value) {
        JsonNode envelope = EventFields.envelope(mapper, value);
        if (!RollupClosed.TYPE.equals(envelope.path("type").asText())) {
            return null;
        }
        JsonNode data = EventFields.object(envelope, "data");
        Instant start = EventFields.instant(data, "data.start");
        Instant end = EventFields.instant(data, "data.end");
        if (!end.isAfter(start)) {
            throw new PoisonMessageException("data.end must be after data.start, got " + end + " <= " + start);
        }
        RollupClosed rollup = new RollupClosed(EventFields.text(data, "data.systemKey"),
                EventFields.text(data, "data.metric"), EventFields.text(data, "data.period"), start, end,
                finite(data, "data.value"), EventFields.count(data, "data.count"),
                EventFields.count(data, "data.samples"),
                finite(data, "data.min"), finite(data, "data.max"), segments(data.path("segments")));
        return ReceivedEvent.of(envelope, rollup);
    }

    private static List<RollupClosed.SegmentValue> segments(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new PoisonMessageException("data.segments must be an array, got " + EventFields.describe(v));
        }
        List<RollupClosed.SegmentValue> segments = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String path = "data.segments[" + i + "]";
            JsonNode segment = v.get(i);
            if (!segment.isObject()) {
                throw new PoisonMessageException(path + " must be an object, got " + EventFields.describe(segment));
            }
            segments.add(new RollupClosed.SegmentValue(EventFields.text(segment, path + ".segment"),
                    finite(segment, path + ".value"), EventFields.count(segment, path + ".count"),
                    EventFields.count(segment, path + ".samples")));
        }
        return List.copyOf(segments);
    }

    private static double finite(JsonNode node, String path) {
        Double v = EventFields.optionalNumber(node, path);
        if (v == null) {
            throw new PoisonMessageException(path + " is required");
        }
        if (v.isNaN() || v.isInfinite()) {
            throw new PoisonMessageException(path + " must be a finite number, got " + v);
        }
        return v;
    }
}
