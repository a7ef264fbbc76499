package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.analysis.results.BanditPolicy;
import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.analysis.results.ResultsCalculator;
import io.refinery.experiments.analysis.results.VariantData;
import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.QuantileStatistic;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Computes an experiment's results from its stored sufficient statistics: three small queries (one row per variant,
 * one per variant and metric, one per variant and ratio metric) and the pure {@link ResultsCalculator}, so the cost does not grow with the units.
 */
@ApplicationScoped
public class ExperimentEvaluator {

    private static final String VARIANTS = "select variant, units, covariate_units, covariate_sum, covariate_sum_sq"
            + " from experiments.variant_stats where experiment_id = $1";
    private static final String METRICS = "select variant, metric, sum, sum_sq, sum_xy, conversions"
            + " from experiments.variant_metric_stats where experiment_id = $1";
    private static final String RATIOS = "select variant, numerator, denominator, sum_products"
            + " from experiments.variant_ratio_stats where experiment_id = $1";

    private final Pool pool;
    private final ExperimentJson json;
    private final QuantileQueries quantileQueries;
    private final BanditWeights bandits;

    public ExperimentEvaluator(Pool pool, ExperimentJson json, QuantileQueries quantileQueries, BanditWeights bandits) {
        this.bandits = bandits;
        this.pool = pool;
        this.json = json;
        this.quantileQueries = quantileQueries;
    }

    /** The stored statistics of every variant that has units or outcomes, and the design's QUANTILE metrics. */
    public Uni<List<VariantData>> data(UUID experimentId, ExperimentDesign design) {
        List<QuantileQueries.QuantileMetric> quantileMetrics = new ArrayList<>();
        if (design.primaryMetric().type() == MetricType.QUANTILE) {
            quantileMetrics.add(new QuantileQueries.QuantileMetric(design.primaryMetric().name(),
                    design.primaryMetric().quantile()));
        }
        design.guardrails().stream().filter(g -> g.type() == MetricType.QUANTILE)
                .forEach(g -> quantileMetrics.add(new QuantileQueries.QuantileMetric(g.name(), g.quantile())));
        Uni<Map<String, Map<String, QuantileStatistic>>> quantiles = quantileMetrics.isEmpty()
                ? Uni.createFrom().item(Map.of()) : quantileQueries.load(experimentId, quantileMetrics);
        return sums(experimentId).flatMap(data -> quantiles.map(q -> data.stream().map(d -> new VariantData(d.variant(),
                d.units(), d.covariateUnits(), d.covariateSum(), d.covariateSumOfSquares(), d.metrics(), d.ratioProducts(),
                q.getOrDefault(d.variant(), Map.of()))).toList()));
    }

    private Uni<List<VariantData>> sums(UUID experimentId) {
        Tuple id = Tuple.of(experimentId);
        return Uni.combine().all().unis(pool.preparedQuery(VARIANTS).execute(id), pool.preparedQuery(METRICS).execute(id),
                pool.preparedQuery(RATIOS).execute(id)).asTuple().map(rows -> {
                    Map<String, Map<String, VariantData.MetricSums>> metrics = new HashMap<>();
                    for (Row r : rows.getItem2()) {
                        metrics.computeIfAbsent(r.getString("variant"), v -> new HashMap<>()).put(r.getString("metric"),
                                new VariantData.MetricSums(r.getDouble("sum"), r.getDouble("sum_sq"), r.getDouble("sum_xy"),
                                        r.getLong("conversions")));
                    }
                    Map<String, Map<String, Double>> ratios = new HashMap<>();
                    for (Row r : rows.getItem3()) {
                        ratios.computeIfAbsent(r.getString("variant"), v -> new HashMap<>()).put(
                                VariantData.ratioKey(r.getString("numerator"), r.getString("denominator")),
                                r.getDouble("sum_products"));
                    }
                    List<VariantData> data = new ArrayList<>();
                    for (Row r : rows.getItem1()) {
                        String variant = r.getString("variant");
                        data.add(new VariantData(variant, r.getLong("units"), r.getLong("covariate_units"),
                                r.getDouble("covariate_sum"), r.getDouble("covariate_sum_sq"),
                                metrics.getOrDefault(variant, Map.of()), ratios.getOrDefault(variant, Map.of()), Map.of()));
                    }
                    return data;
                });
    }

    /**
     * The results now; {@code finalLook} when the data will not grow any more (see {@link ResultsCalculator}). A
     * bandit's variants carry the shares its weights so far should have given them (see
     * {@link BanditPolicy#expectedShares}), so the sample ratio check expects the weights actually served.
     */
    public Uni<ExperimentResults> results(Experiment e, boolean finalLook) {
        ExperimentDesign design = json.design(e);
        if (e.bandit == null) {
            return data(e.id, design).map(d -> ResultsCalculator.compute(design, d, json.sequentialState(e), finalLook));
        }
        return bandits.history(e.id).flatMap(history -> data(e.id, design).map(d -> {
            Map<String, Long> units = new HashMap<>();
            d.forEach(v -> units.put(v.variant(), v.units()));
            ExperimentDesign served = BanditPolicy.withShares(design, BanditPolicy.expectedShares(design,
                    history.stream().map(BanditWeights.Stored::served).toList(), units));
            return ResultsCalculator.compute(served, d, json.sequentialState(e), finalLook);
        }));
    }

    /** The verdict of {@code e}'s data as a final look (a person or the scheduler is ending the experiment). */
    public Uni<Verdict> verdict(Experiment e, Instant at) {
        return results(e, true).map(ExperimentEvaluator::verdict);
    }

    static Verdict verdict(ExperimentResults results) {
        Map<String, Double> magnitudes = new HashMap<>();
        Map<String, Double> confidences = new HashMap<>();
        AnalysisMethod method = AnalysisMethod.valueOf(results.analysis());
        for (ExperimentResults.Comparison c : results.primaryMetric().comparisons()) {
            if (c.relativeLift() != null) {
                magnitudes.put(c.variant(), Math.abs(c.relativeLift()));
            }
            Double confidence = switch (method) {
                case BAYESIAN -> c.chanceToBeBetter();
                case SEQUENTIAL -> c.sequential() == null || c.sequential().adjustedPValue() == null ? null
                        : 1 - c.sequential().adjustedPValue();
                default -> c.adjustedPValue() == null ? null : 1 - c.adjustedPValue();
            };
            if (confidence != null) {
                confidences.put(c.variant(), confidence);
            }
        }
        return new Verdict(results.recommendation().decision(), results, magnitudes, confidences);
    }
}
