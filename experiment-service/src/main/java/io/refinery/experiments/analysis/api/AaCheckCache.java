package io.refinery.experiments.analysis.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.stats.AaSelfCheck;

/**
 * The A/A self-check's answers by (simulations, alpha). The check is seeded, so an answer never changes while the
 * engine does not: each is computed once per process (about a second per 1,000 simulations on 2 cores), and a caller
 * repeating a request costs nothing. At most {@link #MAX_ENTRIES} answers are kept.
 */
@ApplicationScoped
public class AaCheckCache {

    static final int MAX_ENTRIES = 32;

    private record Key(int simulations, double alpha) {
    }

    private final Map<Key, List<AaSelfCheck.Scenario>> answers = new ConcurrentHashMap<>();

    public List<AaSelfCheck.Scenario> run(int simulations, double alpha) {
        Key key = new Key(simulations, alpha);
        List<AaSelfCheck.Scenario> known = answers.get(key);
        if (known != null) {
            return known;
        }
        List<AaSelfCheck.Scenario> computed = AaSelfCheck.run(simulations, alpha);
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, computed);
        return computed;
    }
}
