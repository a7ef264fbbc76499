package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.ThompsonSampling;

/**
 * A bandit's next weights, from the results so far (whose sample ratio check already expects the bandit's own
 * history of weights, see {@link #expectedShares}):
 * <ol>
 *   <li>an arm below its burn-in: BURN_IN, the declared weights;</li>
 *   <li>a sample ratio mismatch against the weights served: FROZEN, the current weights stay (the assignment or the
 *       exposure logging is broken, and moving traffic on broken data would compound it);</li>
 *   <li>otherwise THOMPSON: each arm's probability to be best on the primary metric ({@link ThompsonSampling}); an arm
 *       that violates a guardrail counts as never best, so it keeps only the floor; then the floor
 *       ({@code minimumShare}) for every arm.</li>
 * </ol>
 * Pure: the same results and history give the same weights.
 */
public final class BanditPolicy {

    private BanditPolicy() {
    }

    /**
     * One set of weights.
     *
     * @param reason START, BURN_IN, THOMPSON or FROZEN
     * @param probabilityBest per variant, when computed (THOMPSON), else null
     * @param notes why, in words
     */
    public record Step(String reason, Map<String, Double> weights, Map<String, Double> probabilityBest,
            List<String> notes) {
    }

    /**
     * A stored set of weights and the exposed units per variant when it was computed.
     *
     * @param version 0 at the start, then one more per recomputation
     */
    public record Version(int version, Map<String, Double> weights, Map<String, Long> units) {
    }

    /** The declared weights, served from the start. */
    public static Step start(ExperimentDesign design) {
        return new Step("START", declared(design), null, List.of("the declared weights, until every arm has its burn-in"));
    }

    public static Step next(ExperimentDesign design, BanditSpec bandit, ExperimentResults results,
            Map<String, Double> current) {
        List<VariantSpec> variants = design.variants();
        Map<String, ExperimentResults.VariantSummary> byVariant = new LinkedHashMap<>();
        results.variants().forEach(v -> byVariant.put(v.variant(), v));
        List<String> notes = new ArrayList<>();
        for (VariantSpec v : variants) {
            ExperimentResults.VariantSummary s = byVariant.get(v.key());
            long units = s == null ? 0 : s.units();
            if (units < bandit.burnInUnits()) {
                notes.add("%s has %,d of its %,d burn-in units".formatted(v.key(), units, bandit.burnInUnits()));
            }
        }
        if (!notes.isEmpty()) {
            return new Step("BURN_IN", declared(design), null, notes);
        }
        if (Boolean.TRUE.equals(results.srm().mismatch())) {
            return new Step("FROZEN", current, null, List.of(("sample ratio mismatch against the weights served (p = %s):"
                    + " the weights stay until the split is explained").formatted(results.srm().pValue())));
        }
        int k = variants.size();
        boolean higher = design.primaryMetric().direction() == Direction.INCREASE;
        double[] p;
        if (design.primaryMetric().type() == MetricType.BINOMIAL) {
            long[] units = new long[k];
            long[] conversions = new long[k];
            for (int i = 0; i < k; i++) {
                ExperimentResults.VariantSummary s = byVariant.get(variants.get(i).key());
                units[i] = s.units();
                conversions[i] = s.conversions() == null ? 0 : s.conversions();
            }
            p = ThompsonSampling.probabilityBestBinomial(units, conversions, higher);
        } else {
            double[] means = new double[k];
            double[] variances = new double[k];
            for (int i = 0; i < k; i++) {
                ExperimentResults.VariantSummary s = byVariant.get(variants.get(i).key());
                if (s.mean() == null || s.variance() == null || !(s.variance() > 0)) {
                    return new Step("FROZEN", current, null,
                            List.of(variants.get(i).key() + " has no variance yet on " + design.primaryMetric().name()));
                }
                means[i] = s.mean();
                variances[i] = s.variance() / s.units();
            }
            p = ThompsonSampling.probabilityBestNormal(means, variances, higher);
        }
        Map<String, Double> probabilityBest = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            probabilityBest.put(variants.get(i).key(), p[i]);
        }
        double[] scores = p.clone();
        double kept = 0;
        for (int i = 0; i < k; i++) {
            List<String> violated = violated(results, variants.get(i).key());
            if (!violated.isEmpty()) {
                scores[i] = 0;
                notes.add("%s violates guardrail(s) %s: it keeps only the minimum share".formatted(variants.get(i).key(),
                        violated));
            }
            kept += scores[i];
        }
        if (kept == 0) {
            java.util.Arrays.fill(scores, 1.0);
        }
        double[] w = ThompsonSampling.withFloor(scores, bandit.minimumShare());
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            weights.put(variants.get(i).key(), w[i]);
        }
        notes.add(0, "Thompson sampling on %s: weights = %s + (1 − %d · %s) · P(best)".formatted(
                design.primaryMetric().name(), bandit.minimumShare(), k, bandit.minimumShare()));
        return new Step("THOMPSON", weights, probabilityBest, notes);
    }

    /**
     * The share of units each variant should have, given the weights served over time: the units that arrived while
     * a version served (the growth of the total between its computation and the next one's, or until now for the
     * latest) split by that version's weights, summed and normalised. The declared weights without units.
     */
    public static Map<String, Double> expectedShares(ExperimentDesign design, List<Version> history,
            Map<String, Long> currentUnits) {
        Map<String, Double> expected = new LinkedHashMap<>();
        design.variants().forEach(v -> expected.put(v.key(), 0.0));
        double total = 0;
        for (int i = 0; i < history.size(); i++) {
            long from = sum(history.get(i).units());
            long to = i + 1 < history.size() ? sum(history.get(i + 1).units()) : sum(currentUnits);
            long arrived = Math.max(0, to - from);
            for (Map.Entry<String, Double> w : history.get(i).weights().entrySet()) {
                expected.computeIfPresent(w.getKey(), (key, e) -> e + arrived * w.getValue());
            }
            total += arrived;
        }
        if (total == 0) {
            return declared(design);
        }
        double sum = total;
        expected.replaceAll((key, e) -> e / sum);
        return expected;
    }

    /** The design with each variant's weight replaced by its expected share. */
    public static ExperimentDesign withShares(ExperimentDesign design, Map<String, Double> shares) {
        List<VariantSpec> variants = design.variants().stream()
                .map(v -> new VariantSpec(v.key(), shares.getOrDefault(v.key(), v.weight()), v.control(), v.description()))
                .toList();
        return new ExperimentDesign(variants, design.primaryMetric(), design.guardrails(), design.alpha(),
                design.analysis(), design.correction(), design.requiredUnitsPerVariant(), design.power(), design.kind());
    }

    private static Map<String, Double> declared(ExperimentDesign design) {
        Map<String, Double> weights = new LinkedHashMap<>();
        design.variants().forEach(v -> weights.put(v.key(), v.weight()));
        return weights;
    }

    private static long sum(Map<String, Long> units) {
        return units.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> violated(ExperimentResults results, String variant) {
        List<String> names = new ArrayList<>();
        for (ExperimentResults.Guardrail g : results.guardrails()) {
            if (g.comparisons().stream().anyMatch(c -> c.variant().equals(variant) && Guardrails.VIOLATED.equals(c.status()))) {
                names.add(g.name());
            }
        }
        return names;
    }
}
