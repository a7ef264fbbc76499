package io.refinery.feedback.contradiction.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.feedback.contradiction.domain.ContradictionQueries;
import io.refinery.feedback.contradiction.domain.ContradictionView;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.QueryParams;

/** Contradictions between metrics and customers, {@code /api/v1/contradictions}. */
@Path("/api/v1/contradictions")
@Tag(name = "Contradictions", description = "Where the metrics and the customers disagree")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ContradictionResource {

    private final ContradictionQueries queries;

    public ContradictionResource(ContradictionQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Detected contradictions, newest first", description = "Filter: systemKey. Paged with limit "
            + "(1..500, default 50) and cursor. Each holds both sides' tests, themes, redacted examples and the text "
            + "sent to oversight with the CONTRADICTION_REVIEW request.")
    public Uni<Page<ContradictionView>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") String limitParam, @QueryParam("cursor") String cursor) {
        int limit = limitParam == null ? Page.DEFAULT_LIMIT : Page.checkLimit(limitParam);
        String position = Page.decode(cursor);
        Instant afterTime = null;
        UUID afterId = null;
        if (position != null) {
            try {
                int bar = position.indexOf('|');
                afterTime = Instant.parse(position.substring(0, bar));
                afterId = UUID.fromString(position.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
            }
        }
        String key = systemKey == null || systemKey.isBlank() ? null : systemKey.strip();
        return queries.list(key, afterTime, afterId, limit + 1)
                .map(rows -> Page.of(rows, limit, v -> v.detectedAt() + "|" + v.id(), v -> v));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One contradiction")
    @APIResponse(responseCode = "404", description = "No such contradiction")
    public Uni<ContradictionView> get(@PathParam("id") String id) {
        return queries.get(QueryParams.uuid("id", id));
    }
}
