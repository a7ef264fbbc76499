package io.refinery.metrics.drift.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonFactory;
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

import io.refinery.metrics.drift.domain.SampleIngestor;
import io.refinery.metrics.drift.domain.SampleReader;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Roles;
import io.refinery.metrics.ingestion.api.JsonBatch;

/** Batch ingestion of drift samples, {@code POST /api/v1/drift/samples} (also topic refinery.metrics.samples). */
@Path("/api/v1/drift/samples")
@Tag(name = "Drift")
@SecurityRequirement(name = "jwt")
public class DriftSampleResource {

    public static final int MAX_BATCH = 10_000;

    private final SampleIngestor ingestor;
    private final JsonFactory json;

    public DriftSampleResource(SampleIngestor ingestor, ObjectMapper mapper) {
        this.ingestor = ingestor;
        this.json = mapper.getFactory();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Ingest a batch of up to 10,000 drift samples",
            description = "Idempotent on (systemKey, id). Features count for their UTC day: numbers in a uniform sample "
                    + "of 10,000 per system, feature and day, strings and booleans as exact counts (1,000 labels, the "
                    + "rest as '(other)'). An outcome may come later in an item with the same id; the prediction error "
                    + "then feeds the system's concept-drift detector, once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = SampleItem.class), examples = {
                    @ExampleObject(name = "prediction", value = "[{\"id\": \"reco-7781\", \"systemKey\": \"reco-engine\","
                            + " \"observedAt\": \"2026-11-24T10:00:00Z\", \"features\": {\"basket_value\": 54.2,"
                            + " \"device\": \"mobile\", \"returning\": true}, \"prediction\": 1}]"),
                    @ExampleObject(name = "later outcome", value = "[{\"id\": \"reco-7781\", \"systemKey\": \"reco-engine\","
                            + " \"observedAt\": \"2026-11-24T10:00:00Z\", \"outcome\": 0}]") }))
    @APIResponse(responseCode = "202", description = "Stored what was valid; see rejected for the rest")
    @APIResponse(responseCode = "400", description = "The body is not a JSON array, is empty or has more than 10,000 items")
    public Uni<Response> ingest(byte[] body) throws IOException {
        Instant now = Instant.now();
        Instant oldest = ingestor.oldestAccepted(now);
        List<SampleReader.Parsed> items = JsonBatch.read(json, body, MAX_BATCH, parser -> SampleReader.read(parser, now, oldest));
        return ingestor.ingest(items)
                .map(result -> Response.accepted(SampleIngestResponse.of(result)).type(MediaType.APPLICATION_JSON).build());
    }
}
