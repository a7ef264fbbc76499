package io.refinery.experiments.ingestion.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.refinery.platform.problem.InvalidFieldsProblem;

/** The outer shape of an ingestion body: a JSON array of 1 to {@code max} items (each checked on its own later). */
final class IngestBatch {

    private IngestBatch() {
    }

    static List<JsonNode> read(ObjectMapper mapper, byte[] body, int max) throws IOException {
        if (body == null || body.length == 0) {
            throw new InvalidFieldsProblem("body", "must be a JSON array of items");
        }
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isArray()) {
            throw new InvalidFieldsProblem("body", "must be a JSON array of items");
        }
        if (root.isEmpty()) {
            throw new InvalidFieldsProblem("body", "must hold at least one item");
        }
        if (root.size() > max) {
            throw new InvalidFieldsProblem("body", "must hold at most " + max + " items (got " + root.size() + ")");
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }
}
