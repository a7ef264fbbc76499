package io.refinery.bench.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/floor}: a JSON answer and nothing else, the warm-up target of the startup benchmark. */
@Path("/api/v1/floor")
public class FloorResource {

    /** The answer. */
    public record Floor(boolean up) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Floor get() {
        return new Floor(true);
    }
}
