package io.refinery.metrics.ingestion.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The values one ingestion batch keeps repeating (system keys, metric names, segments, dimension sets), each kept
 * as one shared String, and the result of checking a name that was already checked. Ten thousand items of a batch
 * usually carry a few dozen distinct values: sharing them means fewer objects alive while the batch is written,
 * hash codes computed once for the rollups, and each metric name matched against its pattern once. Bounded, so a
 * batch of all-distinct values costs no more than before. One per batch, used by one thread.
 */
public final class Vocabulary {

    private static final int LIMIT = 4096;

    private final Map<String, String> shared = new HashMap<>();
    private final Map<Predicate<String>, Map<String, Boolean>> checked = new HashMap<>();

    /** The shared instance equal to {@code value} (the value itself the first time it is seen). */
    public String share(String value) {
        String known = shared.get(value);
        if (known != null) {
            return known;
        }
        if (shared.size() < LIMIT) {
            shared.put(value, value);
        }
        return value;
    }

    /** Whether {@code value} passes {@code check}, remembered per check and value. */
    public boolean passes(String value, Predicate<String> check) {
        Map<String, Boolean> results = checked.computeIfAbsent(check, c -> new HashMap<>());
        Boolean known = results.get(value);
        if (known != null) {
            return known;
        }
        boolean ok = check.test(value);
        if (results.size() < LIMIT) {
            results.put(value, ok);
        }
        return ok;
    }
}
