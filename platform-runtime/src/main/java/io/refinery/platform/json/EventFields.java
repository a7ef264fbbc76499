package io.refinery.platform.json;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.ids.ClientId;
import io.refinery.platform.messaging.PoisonMessageException;

/**
 * Reads fields of an event's JSON with errors that name the field and say what was expected and what came
 * ({@code data.id must be a UUID string, got the number 42}). Every failure is a {@link PoisonMessageException}.
 * {@code path} is the field's full name for the message; its last segment is the key looked up in {@code node}.
 */
public final class EventFields {

    private EventFields() {
    }

    /** The record's value read as a JSON object (a CloudEvent envelope); anything else is poison. */
    public static JsonNode envelope(ObjectMapper mapper, byte[] value) {
        JsonNode envelope;
        try {
            envelope = value == null ? null : mapper.readTree(value);
        } catch (IOException e) {
            throw new PoisonMessageException("the record is not JSON: " + e.getMessage(), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PoisonMessageException("the record must be a JSON object (a CloudEvent)");
        }
        return envelope;
    }

    public static JsonNode object(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        if (!v.isObject()) {
            throw new PoisonMessageException(path + (absent(v) ? " is required" : " must be an object, got " + describe(v)));
        }
        return v;
    }

    public static String text(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        if (absent(v)) {
            throw new PoisonMessageException(path + " is required");
        }
        if (!v.isTextual()) {
            throw new PoisonMessageException(path + " must be a string, got " + describe(v));
        }
        if (v.asText().isBlank()) {
            throw new PoisonMessageException(path + " must not be blank");
        }
        return v.asText();
    }

    /** The field's text, or null when it is absent or null; any other type is refused. */
    public static String optionalText(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        return absent(v) ? null : text(node, path);
    }

    public static UUID uuid(JsonNode node, String path) {
        String s = uuidText(node, path);
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(path + " must be a UUID string, got \"" + abbreviate(s) + "\"");
        }
    }

    /**
     * A client-supplied id ({@link ClientId}): {@code data.id must be 1-128 characters of A-Z a-z 0-9 . _ : - (a UUID
     * is fine), got "a b"} otherwise. Not for ids Refinery makes (envelope ids): those are {@link #uuid}.
     */
    public static String clientId(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        if (absent(v)) {
            throw new PoisonMessageException(path + " is required");
        }
        if (!v.isTextual()) {
            throw new PoisonMessageException(path + " " + ClientId.MESSAGE + ", got " + describe(v));
        }
        if (!ClientId.isValid(v.asText())) {
            throw new PoisonMessageException(path + " " + ClientId.MESSAGE + ", got \"" + abbreviate(v.asText()) + "\"");
        }
        return v.asText();
    }

    public static Instant instant(JsonNode node, String path) {
        String s = text(node, path);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException(path + " must be an ISO-8601 UTC timestamp, got \"" + abbreviate(s) + "\"");
        }
    }

    /** One of {@code type}'s constants, by name. */
    public static <E extends Enum<E>> E enumValue(JsonNode node, String path, Class<E> type) {
        String s = text(node, path);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(path + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got \"" + abbreviate(s) + "\"");
        }
    }

    /** The field's UUID, or null when it is absent or null; anything else is refused as {@link #uuid} does. */
    public static UUID optionalUuid(JsonNode node, String path) {
        return absent(node.path(key(path))) ? null : uuid(node, path);
    }

    /** A required count: a whole number of zero or more. */
    public static long count(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        if (absent(v)) {
            throw new PoisonMessageException(path + " is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new PoisonMessageException(path + " must be a whole number of zero or more, got " + describe(v));
        }
        return v.asLong();
    }

    /** The field's number, or null when it is absent or null; any other type is refused. */
    public static Double optionalNumber(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        if (absent(v)) {
            return null;
        }
        if (!v.isNumber()) {
            throw new PoisonMessageException(path + " must be a number, got " + describe(v));
        }
        return v.asDouble();
    }

    /** What a JSON value is, for an error message: "the number 42", "an object", "the string \"x\"". */
    public static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        if (v.isTextual()) {
            return "the string \"" + abbreviate(v.asText()) + "\"";
        }
        return v.isArray() ? "an array" : "an object";
    }

    private static String uuidText(JsonNode node, String path) {
        JsonNode v = node.path(key(path));
        if (absent(v)) {
            throw new PoisonMessageException(path + " is required");
        }
        if (!v.isTextual()) {
            throw new PoisonMessageException(path + " must be a UUID string, got " + describe(v));
        }
        return v.asText();
    }

    private static boolean absent(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull();
    }

    private static String key(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
