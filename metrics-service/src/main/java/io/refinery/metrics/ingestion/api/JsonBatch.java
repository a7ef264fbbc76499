package io.refinery.metrics.ingestion.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * Reads a batch body in one streaming pass: the outer shape (a JSON array of 1 to {@code max} items) is checked here
 * and each item by the given reader, so one bad item never refuses the others. Malformed JSON anywhere refuses the
 * whole body (a {@code JsonParseException}, mapped to a 400).
 */
public final class JsonBatch {

    /** Reads the item the parser stands on and leaves the parser on its last token. */
    public interface ItemReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private JsonBatch() {
    }

    public static <T> List<T> read(JsonFactory json, byte[] body, int max, ItemReader<T> reader) throws IOException {
        if (body == null || body.length == 0) {
            throw new InvalidFieldsProblem("body", "must be a JSON array of items");
        }
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidFieldsProblem("body", "must be a JSON array of items");
            }
            List<T> items = new ArrayList<>();
            int count = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (++count <= max) {
                    items.add(reader.read(parser));
                } else {
                    parser.skipChildren(); // only counted, for the message
                }
            }
            if (count > max) {
                throw new InvalidFieldsProblem("body", "must hold at most " + max + " items (got " + count + ")");
            }
            if (parser.nextToken() != null) {
                throw new InvalidFieldsProblem("body", "must hold one JSON array and nothing after it");
            }
            if (items.isEmpty()) {
                throw new InvalidFieldsProblem("body", "must hold at least one item");
            }
            return items;
        }
    }
}
