package io.refinery.metrics.drift.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds drift sample items (JSON) for the flow tests: seeded, so every run sends the same streams. */
final class SampleStreams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleStreams() {
    }

    /** One sample item; null features, prediction or outcome are left out. */
    static String item(String system, String id, Instant observedAt, Map<String, Object> features, Object prediction,
            Object outcome) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("systemKey", system);
        item.put("observedAt", observedAt.toString());
        if (features != null) {
            item.put("features", features);
        }
        if (prediction != null) {
            item.put("prediction", prediction);
        }
        if (outcome != null) {
            item.put("outcome", outcome);
        }
        try {
            return JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} items with ids {@code prefix-0..}, features drawn by {@code features} from a seeded random. */
    static List<String> items(String system, String prefix, int count, Instant observedAt, long seed,
            Function<Random, Map<String, Object>> features) {
        Random random = new Random(seed);
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item(system, prefix + "-" + i, observedAt.plusSeconds(i), features.apply(random), null, null));
        }
        return items;
    }

    /** {@code count} predictions of class 1 with their outcome, wrong with probability {@code errorRate}. */
    static List<String> predictions(String system, String prefix, int count, Instant observedAt, long seed,
            double errorRate) {
        Random random = new Random(seed);
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int outcome = random.nextDouble() < errorRate ? 0 : 1;
            items.add(item(system, prefix + "-" + i, observedAt, null, 1, outcome));
        }
        return items;
    }

    /** A JSON array of the items. */
    static String batch(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }
}
