package io.refinery.metrics.performance.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.performance.domain.PerformanceEstimators;
import io.refinery.metrics.performance.domain.PerformanceSeries;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/**
 * Performance estimation before the labels arrive (CBPE), {@code /api/v1/performance/estimators/{systemKey}}: fit an
 * estimator on a labelled reference period of the system's prediction stream, then read estimated and realized
 * metrics per day. Threshold rules with {@code "source": "ESTIMATED"} watch the same days.
 */
@Path("/api/v1/performance/estimators/{systemKey}")
@Tag(name = "Performance estimation", description = "Estimated accuracy, precision, recall, specificity, F1 and ROC AUC"
        + " from calibrated confidence scores, replaced by realized values as labels arrive")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class PerformanceResource {

    private static final int MAX_DAYS = 400;

    /** What an on-demand run did. */
    @Schema(name = "EstimateRun")
    public record EstimateRun(String systemKey, int daysEstimated) {
    }

    private final PerformanceEstimators estimators;
    private final PerformanceSeries series;
    private final JsonWebToken caller;

    public PerformanceResource(PerformanceEstimators estimators, PerformanceSeries series, JsonWebToken caller) {
        this.estimators = estimators;
        this.series = series;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Fit (or fit again) the system's estimator on its labelled reference period")
    @APIResponse(responseCode = "200", description = "Fitted; estimates follow at the next run, or on POST …/estimate")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "404", description = "Unknown AI system")
    @APIResponse(responseCode = "422", description = "Settings that cannot be fitted, or a reference period without"
            + " enough labelled predictions of both classes")
    public Uni<EstimatorResponse> fit(@PathParam("systemKey") String systemKey, @NotNull @Valid EstimatorRequest request) {
        return estimators.fit(request.toSettings(systemKey), caller.getSubject())
                .map(e -> EstimatorResponse.of(e, List.of()));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "The system's estimator: reference, calibration check, reference ranges, estimate-to-realized gaps")
    @APIResponse(responseCode = "404", description = "No estimator for this system")
    public Uni<EstimatorResponse> get(@PathParam("systemKey") String systemKey) {
        return estimators.get(systemKey).flatMap(e -> series
                .days(systemKey, LocalDate.ofInstant(e.settings().referenceFrom(), ZoneOffset.UTC), farFuture(), null)
                .map(days -> EstimatorResponse.of(e, days)));
    }

    @GET
    @Path("/days")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Estimated and realized metrics per UTC day, oldest first")
    @APIResponse(responseCode = "400", description = "Invalid from, to or metric")
    @APIResponse(responseCode = "404", description = "No estimator for this system")
    public Uni<PerformanceDaysResponse> days(@PathParam("systemKey") String systemKey,
            @Parameter(description = "First day (UTC), default 30 days ago", example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (UTC, inclusive), default today", example = "2026-11-30") @QueryParam("to") String to,
            @Parameter(description = "One metric only: accuracy, precision, recall, specificity, f1, roc_auc")
            @QueryParam("metric") String metric) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate last = date("to", to, today);
        LocalDate first = date("from", from, last.minusDays(29));
        if (first.isAfter(last)) {
            throw new InvalidFieldsProblem("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidFieldsProblem("from", "at most " + MAX_DAYS + " days at once");
        }
        PerformanceMetric only = metric == null ? null : PerformanceMetric.fromKey(metric).orElseThrow(
                () -> new InvalidFieldsProblem("metric", "must be one of accuracy, precision, recall, specificity, f1, roc_auc"));
        return estimators.get(systemKey).flatMap(e -> series.days(systemKey, first, last.plusDays(1), only)
                .map(days -> PerformanceDaysResponse.of(systemKey, e.model(), days)));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove the system's estimator and its daily estimates",
            description = "Rules on its metrics stay and judge no day until an estimator is fitted again.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No estimator for this system")
    public Uni<Response> remove(@PathParam("systemKey") String systemKey) {
        return estimators.remove(systemKey).map(x -> Response.noContent().build());
    }

    @POST
    @Path("/estimate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Estimate the days whose predictions or labels changed now, instead of at the next run")
    @APIResponse(responseCode = "404", description = "No estimator for this system")
    public Uni<EstimateRun> estimate(@PathParam("systemKey") String systemKey) {
        return estimators.estimateNow(systemKey).map(n -> new EstimateRun(systemKey, n));
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(field, "must be a date such as 2026-11-30");
        }
    }

    private static LocalDate farFuture() {
        return LocalDate.now(ZoneOffset.UTC).plusYears(1);
    }
}
