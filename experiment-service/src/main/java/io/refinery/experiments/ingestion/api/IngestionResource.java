package io.refinery.experiments.ingestion.api;

import java.io.IOException;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.ingestion.domain.ExposureIngestor;
import io.refinery.experiments.ingestion.domain.IngestItems;
import io.refinery.experiments.ingestion.domain.OutcomeIngestor;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Batch ingestion of exposures and outcomes, {@code POST /api/v1/exposures} and {@code POST /api/v1/outcomes}
 * (also accepted on topics refinery.experiments.exposures and .outcomes).
 */
@Path("/api/v1")
@Tag(name = "Exposures and outcomes", description = "Idempotent on each item's id; results keep per-variant sums")
@SecurityRequirement(name = "jwt")
public class IngestionResource {

    public static final int MAX_BATCH = 10_000;

    private final ExposureIngestor exposures;
    private final OutcomeIngestor outcomes;
    private final ObjectMapper mapper;

    public IngestionResource(ExposureIngestor exposures, OutcomeIngestor outcomes, ObjectMapper mapper) {
        this.exposures = exposures;
        this.outcomes = outcomes;
        this.mapper = mapper;
    }

    @POST
    @Path("/exposures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Ingest up to 10,000 exposures",
            description = "A unit's first exposure to a RUNNING experiment counts it once in its variant. Without "
                    + "variant, the assignment's is taken. covariate: the unit's pre-period value of the primary "
                    + "metric, for CUPED.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ExposureItem.class),
            examples = @ExampleObject(name = "exposure", value = "[{\"id\": \"exp-0001\", \"experimentKey\": "
                    + "\"reco-ranker-v7\", \"unitId\": \"user-42\", \"variant\": \"treatment\", \"at\": "
                    + "\"2026-11-24T10:00:00Z\"}]")))
    @APIResponse(responseCode = "202", description = "Stored what was valid; see rejected for the rest")
    @APIResponse(responseCode = "400", description = "Not a JSON array of 1 to 10,000 items")
    public Uni<Response> exposures(byte[] body) throws IOException {
        Instant now = Instant.now();
        var items = IngestBatch.read(mapper, body, MAX_BATCH).stream().map(n -> IngestItems.exposure(n, now)).toList();
        return exposures.ingest(items).map(r -> Response.accepted(IngestResponse.of(r, false))
                .type(MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("/outcomes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Ingest up to 10,000 outcomes",
            description = "Summed per unit and metric. With experimentKey: counts for that experiment (RUNNING or "
                    + "STOPPED), also if the exposure comes later. With systemKey: counts for each RUNNING or STOPPED "
                    + "experiment of the system that measures the metric and in which the unit is exposed.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = OutcomeItem.class),
            examples = @ExampleObject(name = "outcome", value = "[{\"id\": \"out-0001\", \"experimentKey\": "
                    + "\"reco-ranker-v7\", \"unitId\": \"user-42\", \"metric\": \"conversion\", \"value\": 1, \"at\": "
                    + "\"2026-11-24T10:05:00Z\"}]")))
    @APIResponse(responseCode = "202", description = "Stored what was valid; see rejected for the rest")
    @APIResponse(responseCode = "400", description = "Not a JSON array of 1 to 10,000 items")
    public Uni<Response> outcomes(byte[] body) throws IOException {
        Instant now = Instant.now();
        var items = IngestBatch.read(mapper, body, MAX_BATCH).stream().map(n -> IngestItems.outcome(n, now)).toList();
        return outcomes.ingest(items).map(r -> Response.accepted(IngestResponse.of(r, true))
                .type(MediaType.APPLICATION_JSON).build());
    }
}
