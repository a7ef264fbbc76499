package io.refinery.experiments.experiment.domain;

import java.util.Map;

/**
 * What an evaluation says, as the lifecycle events carry it.
 *
 * @param recommendedDecision the decision the results recommend, or null when not evaluated
 * @param evaluation the results document (serialised into the events), or null
 * @param magnitudes per treatment: |relative lift| on the primary metric, when known
 * @param confidences per treatment: 1 − adjusted p-value or the chance to be better, when known
 */
public record Verdict(String recommendedDecision, Object evaluation, Map<String, Double> magnitudes,
        Map<String, Double> confidences) {

    public static final Verdict NONE = new Verdict(null, null, Map.of(), Map.of());
}
