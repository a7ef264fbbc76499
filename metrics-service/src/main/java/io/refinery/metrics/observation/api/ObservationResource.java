package io.refinery.metrics.observation.api;

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

import io.refinery.metrics.observation.domain.ObservationBytesReader;
import io.refinery.metrics.observation.domain.ObservationIngestor;
import io.refinery.metrics.observation.domain.ObservationReader;
import io.refinery.metrics.ingestion.domain.Vocabulary;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Roles;
import io.refinery.platform.ingest.IngestResponse;
import io.refinery.metrics.ingestion.api.JsonBatch;

/** Batch ingestion of AI metric observations, {@code POST /api/v1/observations}. */
@Path("/api/v1/observations")
@Tag(name = "Observations", description = "AI metric observations (also accepted on topic refinery.metrics.observations)")
@SecurityRequirement(name = "jwt")
public class ObservationResource {

    public static final int MAX_BATCH = 10_000;

    private final ObservationIngestor ingestor;
    private final JsonFactory json;

    public ObservationResource(ObservationIngestor ingestor, ObjectMapper mapper) {
        this.ingestor = ingestor;
        this.json = mapper.getFactory();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Ingest a batch of up to 10,000 observations",
            description = "Idempotent on each item's id. Rates given as numerator/denominator roll up as "
                    + "Σnumerator/Σdenominator. Each refused item is named with its reasons; the others are stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ObservationItem.class), examples = @ExampleObject(name = "ctr",
            value = "[{\"id\": \"reco-2026-11-24-ctr-0001\", \"systemKey\": \"reco-engine\", \"metric\": \"ctr\","
                    + " \"value\": 0.031, \"observedAt\": \"2026-11-24T10:00:00Z\", \"numerator\": 310,"
                    + " \"denominator\": 10000, \"dimensions\": {\"segment\": \"new-customers\", \"variant\": \"B\"}}]")))
    @APIResponse(responseCode = "202", description = "Stored what was valid; see rejected for the rest")
    @APIResponse(responseCode = "400", description = "The body is not a JSON array, is empty or has more than 10,000 items")
    public Uni<Response> ingest(byte[] body) throws IOException {
        Instant now = Instant.now();
        Vocabulary words = new Vocabulary();
        // Plain valid bodies are read straight from their bytes; any other goes through the token stream, which
        // names every field at fault and refuses a malformed body whole.
        List<ObservationReader.Parsed> items = new ObservationBytesReader(now, words).readArray(body, MAX_BATCH);
        if (items == null) {
            items = JsonBatch.read(json, body, MAX_BATCH, parser -> ObservationReader.read(parser, now, words));
        }
        return ingestor.ingest(items)
                .map(result -> Response.accepted(IngestResponse.of(result)).type(MediaType.APPLICATION_JSON).build());
    }
}
