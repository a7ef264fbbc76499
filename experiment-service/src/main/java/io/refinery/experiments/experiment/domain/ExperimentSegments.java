package io.refinery.experiments.experiment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.AdjustedPValues;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ConfidenceInterval;
import io.refinery.experiments.stats.CupedAdjustment;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.Heterogeneity;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.PValueAdjustment;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.RegressionAdjustedStatistic;
import io.refinery.experiments.stats.SampleMeanStatistic;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Results per segment of one dimension (customer type, device, region), done so that "it only works for new
 * customers" is a finding rather than a fishing trip:
 * <ul>
 *   <li>in each segment, every treatment against control on the primary metric (BINOMIAL or CONTINUOUS; CONTINUOUS
 *       after CUPED when every unit of the segment came with a pre-period covariate), frequentist;</li>
 *   <li>the p-values of all segments and treatments adjusted together by the experiment's correction (Holm or
 *       Benjamini–Hochberg), so looking at many segments does not manufacture winners;</li>
 *   <li>per treatment, Cochran's Q test of whether its effect (the absolute difference) differs between segments
 *       more than chance allows ({@link Heterogeneity}); heterogeneous when p &lt; alpha.</li>
 * </ul>
 * Units whose exposure did not give the dimension are counted apart. Computed on request from the units (the cost
 * grows with them), not on every results read.
 */
@ApplicationScoped
public class ExperimentSegments {

    private static final String CELLS = """
            select u.variant, u.segments ->> $3 as segment, count(*) as n,
                   coalesce(sum(o.value::float8), 0) as sum, coalesce(sum(o.value::float8 * o.value::float8), 0) as sum_sq,
                   count(*) filter (where o.value > 0) as conversions, count(u.covariate) as covariate_n,
                   coalesce(sum(u.covariate), 0) as sum_x, coalesce(sum(u.covariate * u.covariate), 0) as sum_xx,
                   coalesce(sum(u.covariate * coalesce(o.value::float8, 0)), 0) as sum_xy
            from experiments.units u
            left join experiments.unit_outcomes o
              on o.experiment_id = u.experiment_id and o.unit_id = u.unit_id and o.metric = $2
            where u.experiment_id = $1 and u.variant is not null
            group by 1, 2""";

    /** One treatment in one segment. */
    public record Comparison(String variant, Double absoluteDifference, Double relativeLift,
            ConfidenceInterval confidenceInterval, Double pValue, Double adjustedPValue, Boolean significant,
            String status) {
    }

    /** One segment: its units per variant (controls first) and each treatment against control. */
    public record Segment(String segment, List<Long> units, boolean cuped, List<Comparison> comparisons) {
    }

    /** Whether a treatment's effect differs between segments. */
    public record HeterogeneityRow(String variant, int segments, Double q, Double pValue, Double iSquared,
            Boolean heterogeneous) {
    }

    /** The report. */
    public record Report(String experimentKey, String metric, String metricType, String dimension, String correction,
            double alpha, List<String> variants, List<Segment> segments, List<HeterogeneityRow> heterogeneity,
            long unitsWithoutDimension, String message) {
    }

    private final Pool pool;
    private final ExperimentJson json;

    public ExperimentSegments(Pool pool, ExperimentJson json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Report> of(Experiment e, String dimension) {
        if (dimension == null || !ExperimentPlan.DIMENSION.matcher(dimension).matches()) {
            throw new InvalidFieldsProblem("dimension", "is required: a segment dimension the exposures carry, e.g. device");
        }
        ExperimentDesign design = json.design(e);
        MetricSpec metric = design.primaryMetric();
        List<String> variants = VariantSpec.keysControlFirst(design.variants());
        if (metric.type() != MetricType.BINOMIAL && metric.type() != MetricType.CONTINUOUS) {
            return Uni.createFrom().item(new Report(e.key, metric.name(), metric.type().name(), dimension,
                    design.correction().name(), design.alpha(), variants, List.of(), List.of(), 0,
                    "segment analysis covers BINOMIAL and CONTINUOUS primary metrics; this one is " + metric.type()));
        }
        return UnitScans.run(pool, CELLS, Tuple.of(e.id, metric.name(), dimension))
                .map(rows -> report(e.key, design, variants, dimension, rows));
    }

    private static Report report(String key, ExperimentDesign design, List<String> variants, String dimension,
            Iterable<Row> rows) {
        MetricSpec metric = design.primaryMetric();
        Map<String, RegressionAdjustedStatistic[]> bySegment = new TreeMap<>();
        Map<String, long[]> covariates = new HashMap<>();
        long without = 0;
        for (Row r : rows) {
            int v = variants.indexOf(r.getString("variant"));
            if (v < 0) {
                continue;
            }
            String segment = r.getString("segment");
            if (segment == null) {
                without += r.getLong("n");
                continue;
            }
            RegressionAdjustedStatistic[] arms = bySegment.computeIfAbsent(segment, s -> {
                RegressionAdjustedStatistic[] empty = new RegressionAdjustedStatistic[variants.size()];
                java.util.Arrays.fill(empty, RegressionAdjustedStatistic.EMPTY);
                return empty;
            });
            arms[v] = new RegressionAdjustedStatistic(r.getLong("n"), r.getDouble("sum"), r.getDouble("sum_sq"),
                    r.getDouble("sum_x"), r.getDouble("sum_xx"), r.getDouble("sum_xy"));
            covariates.computeIfAbsent(segment, s -> new long[variants.size() * 2]);
            covariates.get(segment)[v] = r.getLong("covariate_n");
            covariates.get(segment)[variants.size() + v] = r.getLong("conversions");
        }
        List<String> names = new ArrayList<>(bySegment.keySet());
        List<ComparisonResult> results = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        List<Boolean> cupedBySegment = new ArrayList<>();
        Map<Integer, List<Double>> effects = new HashMap<>();
        Map<Integer, List<Double>> variances = new HashMap<>();
        for (String segment : names) {
            RegressionAdjustedStatistic[] arms = bySegment.get(segment);
            long[] counts = covariates.get(segment);
            boolean cuped = metric.type() == MetricType.CONTINUOUS;
            for (int v = 0; v < variants.size(); v++) {
                cuped &= arms[v].units() > 1 && counts[v] == arms[v].units();
            }
            cupedBySegment.add(cuped);
            for (int t = 1; t < variants.size(); t++) {
                ArmStatistic control;
                ArmStatistic treatment;
                if (cuped) {
                    CupedAdjustment.AdjustedArms adjusted = CupedAdjustment.adjust(arms[0], arms[t]);
                    control = adjusted.control();
                    treatment = adjusted.treatment();
                } else if (metric.type() == MetricType.BINOMIAL) {
                    control = new ProportionStatistic(arms[0].units(), Math.min(arms[0].units(), counts[variants.size()]));
                    treatment = new ProportionStatistic(arms[t].units(),
                            Math.min(arms[t].units(), counts[variants.size() + t]));
                } else {
                    control = new SampleMeanStatistic(arms[0].units(), arms[0].sum(), arms[0].sumOfSquares());
                    treatment = new SampleMeanStatistic(arms[t].units(), arms[t].sum(), arms[t].sumOfSquares());
                }
                ComparisonResult r = ExperimentComparison.compare(new ComparisonRequest(
                        cuped ? MetricType.CONTINUOUS : metric.type(), InferenceMethod.FREQUENTIST, design.alpha(),
                        control, treatment));
                results.add(r);
                pValues.add(r.pValue());
                double variance = control.varianceOfMean() + treatment.varianceOfMean();
                if (r.absoluteDifference() != null && variance > 0) {
                    effects.computeIfAbsent(t, x -> new ArrayList<>()).add(r.absoluteDifference());
                    variances.computeIfAbsent(t, x -> new ArrayList<>()).add(variance);
                }
            }
        }
        AdjustedPValues adjusted = PValueAdjustment.adjust(pValues, design.correction());
        List<Segment> segments = new ArrayList<>();
        int index = 0;
        for (int s = 0; s < names.size(); s++) {
            RegressionAdjustedStatistic[] arms = bySegment.get(names.get(s));
            List<Long> units = new ArrayList<>();
            for (RegressionAdjustedStatistic arm : arms) {
                units.add(arm.units());
            }
            List<Comparison> comparisons = new ArrayList<>();
            for (int t = 1; t < variants.size(); t++) {
                ComparisonResult r = results.get(index);
                Double p = adjusted.adjusted().get(index);
                comparisons.add(new Comparison(variants.get(t), r.absoluteDifference(), r.relativeLift(),
                        r.confidenceInterval(), r.pValue(), p, p == null ? null : p < design.alpha(), r.status().name()));
                index++;
            }
            segments.add(new Segment(names.get(s), units, cupedBySegment.get(s), comparisons));
        }
        List<HeterogeneityRow> heterogeneity = new ArrayList<>();
        for (int t = 1; t < variants.size(); t++) {
            List<Double> d = effects.getOrDefault(t, List.of());
            Heterogeneity.Result h = Heterogeneity.test(d, variances.getOrDefault(t, List.of()));
            heterogeneity.add(new HeterogeneityRow(variants.get(t), d.size(), h.pValue() == null ? null : h.q(),
                    h.pValue(), h.iSquared(), h.pValue() == null ? null : h.pValue() < design.alpha()));
        }
        return new Report(key, metric.name(), metric.type().name(), dimension, design.correction().name(),
                design.alpha(), variants, segments, heterogeneity, without, null);
    }
}
