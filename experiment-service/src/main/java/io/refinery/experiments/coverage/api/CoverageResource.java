package io.refinery.experiments.coverage.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.experiments.coverage.domain.Coverage;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.smallrye.mutiny.Uni;

/** Experiment coverage, {@code /api/v1/coverage}: every AI system should have a running experiment at all times. */
@Path("/api/v1/coverage")
@Tag(name = "Coverage", description = "Registered AI systems without a running experiment")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {

    private final Coverage coverage;

    public CoverageResource(Coverage coverage) {
        this.coverage = coverage;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "AI systems without a running experiment, by system key",
            description = "gapSince is when the coverage job noticed the gap (it also publishes coverage.gap-opened); "
                    + "the gauge refinery_experiment_coverage_gap{system} shows the same.")
    public Uni<Page<Coverage.Gap>> gaps(@QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        return coverage.gaps(Page.decode(cursor), size + 1).map(rows -> Page.of(rows, size, Coverage.Gap::systemKey, g -> g));
    }
}
