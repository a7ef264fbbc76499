package io.refinery.oversight.system.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.oversight.system.domain.SystemKind;
import io.refinery.oversight.system.domain.SystemRegistry;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.QueryParams;
import io.refinery.platform.api.Roles;
import io.refinery.platform.outbox.OutboxRelay;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/** The AI system registry, {@code /api/v1/systems}. Changes are published on refinery.systems. */
@Path("/api/v1/systems")
@Tag(name = "Systems", description = "The registry of AI systems under Refinery's watch")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SystemResource {

    private final SystemRegistry registry;
    private final OutboxRelay relay;
    private final JsonWebToken caller;

    public SystemResource(SystemRegistry registry, OutboxRelay relay, JsonWebToken caller) {
        this.registry = registry;
        this.relay = relay;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an AI system")
    @APIResponse(responseCode = "201", description = "Registered; the event is on its way to refinery.systems")
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json naming the fields)")
    @APIResponse(responseCode = "409", description = "The key is taken")
    public Uni<Response> register(@NotNull @Valid SystemRequest request) {
        if (request.key() == null) {
            throw new InvalidFieldsProblem("key", "must not be null");
        }
        return registry.register(request.key(), request.toDraft(), caller.getSubject())
                .invoke(relay::nudge)
                .map(s -> Response.created(URI.create("/api/v1/systems/" + s.systemKey)).entity(SystemResponse.of(s)).build());
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Update an AI system (name, kind, owner team, risk profile)")
    @APIResponse(responseCode = "200", description = "Updated; revision grew by one")
    @APIResponse(responseCode = "404", description = "No such system")
    public Uni<SystemResponse> update(@PathParam("key") String key, @NotNull @Valid SystemRequest request) {
        if (request.key() != null && !request.key().equals(key)) {
            throw new InvalidFieldsProblem("key", "must equal the key in the path ('" + key + "'); keys cannot change");
        }
        return registry.update(key, request.toDraft(), caller.getSubject()).invoke(relay::nudge).map(SystemResponse::of);
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One AI system")
    @APIResponse(responseCode = "404", description = "No such system")
    public Uni<SystemResponse> get(@PathParam("key") String key) {
        return registry.get(key).map(SystemResponse::of);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List AI systems, ordered by key")
    public Uni<Page<SystemResponse>> list(
            @Parameter(description = "Only systems of this kind") @QueryParam("kind") String kind,
            @Parameter(description = "Page size, 1 to 500") @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return registry.page(Page.decode(cursor), QueryParams.enumValue(SystemKind.class, "kind", kind), size + 1)
                .map(rows -> Page.of(rows, size, s -> s.systemKey, SystemResponse::of));
    }
}
