package io.refinery.metrics.ingestion.domain;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON scalar of an ingested item as read from the token stream, before any check: its token and, for strings and
 * numbers, its value. Objects and arrays are skipped and kept only as their opening token.
 */
public record JsonScalar(JsonToken token, String text, double number) {

    /** Reads the value the parser stands on and leaves the parser on that value's last token. */
    public static JsonScalar of(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_STRING -> new JsonScalar(token, parser.getText(), Double.NaN);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonScalar(token, null, parser.getDoubleValue());
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield new JsonScalar(token, null, Double.NaN);
            }
            default -> new JsonScalar(token, null, Double.NaN);
        };
    }

    /** Whether {@code s} was given and is not JSON null. */
    public static boolean present(JsonScalar s) {
        return s != null && s.present();
    }

    public boolean present() {
        return token != JsonToken.VALUE_NULL;
    }

    public boolean isText() {
        return token == JsonToken.VALUE_STRING;
    }

    public boolean isNumber() {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }
}
