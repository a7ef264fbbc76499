package io.refinery.experiments.analysis.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.stats.AaSelfCheck;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.InvalidStatisticsInputException;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.QuantileStatistic;
import io.refinery.experiments.stats.RatioStatistic;
import io.refinery.experiments.stats.SampleRatioMismatchCheck;
import io.refinery.experiments.stats.SampleSizeCalculator;
import io.refinery.experiments.stats.SampleSizeRequest;
import io.refinery.experiments.stats.SampleSizeResult;
import io.refinery.experiments.stats.SrmRequest;
import io.refinery.experiments.stats.SrmResult;
import io.refinery.experiments.stats.SummaryStatistic;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;

/**
 * The statistics engine as a service, {@code /api/v1/analysis}: thin wrappers, invalid input is a 400 problem naming
 * the field (e.g. {@code control.conversions}).
 */
@Path("/api/v1/analysis")
@Tag(name = "Analysis", description = "The statistics engine on numbers you bring")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    private final AaCheckCache aaChecks;

    public AnalysisResource(AaCheckCache aaChecks) {
        this.aaChecks = aaChecks;
    }

    @Schema(name = "Arm", description = "{units, conversions} for BINOMIAL; {units, mean, stdDev} for CONTINUOUS; "
            + "for RATIO the per-unit sums {units, numeratorSum, numeratorSumOfSquares, denominatorSum, "
            + "denominatorSumOfSquares, sumOfProducts}, e.g. revenue (numerator) and sessions (denominator) per user; "
            + "for QUANTILE the units' values")
    public record ArmBody(@Schema(example = "10000") Long units, @Schema(example = "500") Long conversions,
            Double mean, Double stdDev,
            @Schema(description = "RATIO: ΣN over the units") Double numeratorSum,
            @Schema(description = "RATIO: ΣN²") Double numeratorSumOfSquares,
            @Schema(description = "RATIO: ΣD over the units") Double denominatorSum,
            @Schema(description = "RATIO: ΣD²") Double denominatorSumOfSquares,
            @Schema(description = "RATIO: ΣN·D, per unit") Double sumOfProducts,
            @Schema(description = "QUANTILE: one value per unit (at most " + MAX_VALUES + ")") List<Double> values) {
    }

    @Schema(name = "CompareRequest")
    public record CompareRequest(@Schema(example = "BINOMIAL") MetricType metricType,
            @Schema(example = "FREQUENTIST") InferenceMethod method, @Schema(example = "0.05") Double alpha,
            ArmBody control, ArmBody treatment,
            @Schema(description = "QUANTILE: which quantile, strictly between 0 and 1", example = "0.9") Double quantile) {
    }

    @Schema(name = "SrmRequest")
    public record SrmBody(@Schema(example = "[5000, 5200]") List<Long> observed,
            @Schema(example = "[0.5, 0.5]") List<Double> expectedWeights) {
    }

    @Schema(name = "SampleSizeRequest", description = "baselineRate for BINOMIAL; baselineMean and baselineStdDev for "
            + "CONTINUOUS, and for RATIO the ratio and its per-unit standard deviation by the delta method "
            + "(the ratio result's stdDev)")
    public record SampleSizeBody(@Schema(example = "BINOMIAL") MetricType metricType,
            @Schema(example = "0.05") Double baselineRate, Double baselineMean, Double baselineStdDev,
            @Schema(description = "relative", example = "0.1") Double minimumDetectableEffect,
            @Schema(example = "0.05") Double alpha, @Schema(example = "0.8") Double power) {
    }

    @POST
    @Path("/compare")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Treatment against control",
            description = "BINOMIAL FREQUENTIST: pooled two-proportion z-test; CONTINUOUS FREQUENTIST: Welch's t-test; "
                    + "RATIO: ΣN/ΣD per arm with the delta method's variance, then Welch's t-test (or the normal "
                    + "posterior); QUANTILE: the type-7 sample quantile per arm, its standard error from the 95 % "
                    + "binomial order-statistic interval, then a z-test; BAYESIAN: Beta(1,1) or normal posteriors, exact "
                    + "chance to beat control. The interval is on the relative lift.")
    @APIResponse(responseCode = "400", description = "Invalid input, the field named")
    public ComparisonResult compare(CompareRequest request) {
        if (request == null) {
            throw new InvalidStatisticsInputException("body", "is required");
        }
        MetricType type = required(request.metricType(), "metricType");
        Double quantile = type == MetricType.QUANTILE ? required(request.quantile(), "quantile") : null;
        return ExperimentComparison.compare(new ComparisonRequest(type, required(request.method(), "method"),
                request.alpha() == null ? ComparisonRequest.DEFAULT_ALPHA : request.alpha(),
                arm(type, request.control(), "control", quantile), arm(type, request.treatment(), "treatment", quantile)));
    }

    @Schema(name = "AaCheck", description = "The engine's A/A self-check: simulated experiments with identical arms")
    public record AaCheckView(double alpha, int simulations, boolean passed, List<AaSelfCheck.Scenario> scenarios) {
    }

    @GET
    @Path("/aa-check")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "A/A self-check: the engine's false-positive rate per analysis, next to alpha",
            description = "Runs `simulations` seeded A/A experiments per scenario (binomial z-test and Bayesian, Welch on "
                    + "order values, ratio by the delta method, p90 by order statistics, and a sequential test looked at "
                    + "10 times) and reports the share that found a difference, with its exact 95 % interval; a scenario "
                    + "passes when that interval does not lie above alpha. The same request always gives the same answer, "
                    + "computed once per process.")
    @APIResponse(responseCode = "400", description = "simulations or alpha out of range, the field named")
    public AaCheckView aaCheck(@QueryParam("simulations") @DefaultValue("1000") String simulationsParam,
            @QueryParam("alpha") @DefaultValue("0.05") String alphaParam) {
        int simulations = QueryParams.integer("simulations", simulationsParam, 1000);
        double alpha = QueryParams.decimal("alpha", alphaParam, ComparisonRequest.DEFAULT_ALPHA);
        List<AaSelfCheck.Scenario> scenarios = aaChecks.run(simulations, alpha);
        return new AaCheckView(alpha, simulations, scenarios.stream().allMatch(AaSelfCheck.Scenario::passed), scenarios);
    }

    @POST
    @Path("/srm")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Sample ratio mismatch: Pearson's chi-square of observed units against the weights",
            description = "mismatch when p < 0.001")
    @APIResponse(responseCode = "400", description = "Invalid input, the field named")
    public SrmResult srm(SrmBody request) {
        if (request == null) {
            throw new InvalidStatisticsInputException("body", "is required");
        }
        return SampleRatioMismatchCheck.check(new SrmRequest(request.observed(), request.expectedWeights()));
    }

    @POST
    @Path("/sample-size")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Units per variant for a two-sided test with equal allocation")
    @APIResponse(responseCode = "400", description = "Invalid input, the field named")
    public SampleSizeResult sampleSize(SampleSizeBody r) {
        if (r == null) {
            throw new InvalidStatisticsInputException("body", "is required");
        }
        double alpha = r.alpha() == null ? 0.05 : r.alpha();
        double power = r.power() == null ? 0.8 : r.power();
        double mde = required(r.minimumDetectableEffect(), "minimumDetectableEffect");
        SampleSizeRequest request = required(r.metricType(), "metricType") == MetricType.BINOMIAL
                ? new SampleSizeRequest.Binomial(required(r.baselineRate(), "baselineRate"), mde, alpha, power)
                : new SampleSizeRequest.Continuous(required(r.baselineMean(), "baselineMean"),
                        required(r.baselineStdDev(), "baselineStdDev"), mde, alpha, power);
        return SampleSizeCalculator.unitsPerVariant(request);
    }

    /** The most values an arm of a QUANTILE comparison may bring (the body limit is 4 MB in any case). */
    static final int MAX_VALUES = 200_000;

    private static ArmStatistic arm(MetricType type, ArmBody arm, String path, Double quantile) {
        required(arm, path);
        if (type == MetricType.QUANTILE) {
            List<Double> values = required(arm.values(), path + ".values");
            if (values.size() > MAX_VALUES) {
                throw new InvalidStatisticsInputException(path + ".values", "at most " + MAX_VALUES + " values");
            }
            double[] array = new double[values.size()];
            for (int i = 0; i < array.length; i++) {
                Double value = values.get(i);
                if (value == null || !Double.isFinite(value)) {
                    throw new InvalidStatisticsInputException(path + ".values[" + i + "]", "must be a finite number");
                }
                array[i] = value;
            }
            if (!(quantile > 0 && quantile < 1)) {
                throw new InvalidStatisticsInputException("quantile", "must be strictly between 0 and 1");
            }
            return QuantileStatistic.of(array, quantile);
        }
        long units = required(arm.units(), path + ".units");
        if (type == MetricType.BINOMIAL) {
            return new ProportionStatistic(units, required(arm.conversions(), path + ".conversions"));
        }
        if (type == MetricType.RATIO) {
            return new RatioStatistic(units, required(arm.numeratorSum(), path + ".numeratorSum"),
                    required(arm.numeratorSumOfSquares(), path + ".numeratorSumOfSquares"),
                    required(arm.denominatorSum(), path + ".denominatorSum"),
                    required(arm.denominatorSumOfSquares(), path + ".denominatorSumOfSquares"),
                    required(arm.sumOfProducts(), path + ".sumOfProducts"));
        }
        return new SummaryStatistic(units, required(arm.mean(), path + ".mean"), required(arm.stdDev(), path + ".stdDev"));
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidStatisticsInputException(field, "is required");
        }
        return value;
    }
}
