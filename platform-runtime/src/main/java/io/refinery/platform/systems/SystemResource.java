package io.refinery.platform.systems;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.arc.properties.IfBuildProperty;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The AI systems this service knows from refinery.systems, {@code /api/v1/systems/{key}}; in the services that keep
 * the projection ({@code refinery.systems.projection=enabled}).
 */
@Path("/api/v1/systems")
@Tag(name = "Systems", description = "AI systems known from the registry's events")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "refinery.systems.projection", stringValue = "enabled")
public class SystemResource {

    private final KnownSystems systems;

    public SystemResource(KnownSystems systems) {
        this.systems = systems;
    }

    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.VIEWER, Roles.INGEST, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One AI system, as received from the registry")
    @APIResponse(responseCode = "200", description = "Known here")
    @APIResponse(responseCode = "404", description = "Not (yet) received from the registry")
    public Uni<SystemView> get(@PathParam("key") String key) {
        return systems.get(key).map(SystemView::of);
    }
}
