package io.refinery.metrics.drift.api;

import java.io.IOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.drift.stats.DriftComparator;
import io.refinery.platform.api.Roles;

/**
 * Stateless drift comparison, {@code POST /api/v1/drift/compare}: a thin wrapper over {@link DriftComparator}. Runs
 * on a worker thread (plain return type): sorting two samples of a million values is CPU work.
 */
@Path(DriftCompareResource.PATH)
@Tag(name = "Drift", description = "Data drift (monitors over live samples) and concept drift (prediction error)")
@SecurityRequirement(name = "jwt")
public class DriftCompareResource {

    /** Listed in {@code refinery.http.large-body-paths}: two samples of up to 1,000,000 values each. */
    public static final String PATH = "/api/v1/drift/compare";

    private final JsonFactory json;

    public DriftCompareResource(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
    @Operation(summary = "Compare a current sample with a reference sample",
            description = "KS (two-sample Kolmogorov–Smirnov, two-sided p as scipy's ks_2samp computes it by default: "
                    + "exact up to 10,000 values per sample, asymptotic above, named in pValueMethod; drifted when "
                    + "p < threshold, default 0.05); "
                    + "WASSERSTEIN (1-Wasserstein distance / reference population std; >= threshold, default 0.1); "
                    + "PSI (10 bins at the reference deciles, empty bins 0.0001; >= threshold, default 0.1, with band); "
                    + "JENSEN_SHANNON (distance, natural log; >= threshold, default 0.1); CHI_SQUARE (goodness of fit "
                    + "of current counts to reference proportions; p < threshold, default 0.05). AUTO: reference <= 1,000 "
                    + "values → KS for numerical data with > 5 distinct values, else CHI_SQUARE; reference > 1,000 → "
                    + "WASSERSTEIN for numerical data with > 5 distinct values, else JENSEN_SHANNON. method defaults to "
                    + "AUTO. Up to 1,000,000 values per sample; this path accepts bodies up to 64 MB.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DriftCompareRequest.class), examples = {
                    @ExampleObject(name = "numerical", value = "{\"type\": \"NUMERICAL\", \"method\": \"KS\","
                            + " \"reference\": [12.5, 13.1, 9.8, 11.0, 12.2, 10.4], \"current\": [15.2, 16.8, 14.9, 17.3, 15.5, 16.0]}"),
                    @ExampleObject(name = "categorical", value = "{\"type\": \"CATEGORICAL\", \"method\": \"JENSEN_SHANNON\","
                            + " \"reference\": [\"mobile\", \"desktop\", \"mobile\"], \"current\": [\"mobile\", \"tablet\", \"tablet\"],"
                            + " \"threshold\": 0.2}") }))
    @APIResponse(responseCode = "200", description = "The comparison")
    @APIResponse(responseCode = "400", description = "Each invalid field named: type, method, threshold, reference, current")
    @APIResponse(responseCode = "413", description = "Body larger than 64 MB")
    public DriftCompareResponse compare(byte[] body) throws IOException {
        return DriftCompareResponse.of(DriftComparator.compare(DriftCompareReader.read(json, body)));
    }
}
