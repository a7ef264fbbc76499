package io.refinery.metrics.drift.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.drift.domain.DriftDetectionLog;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/** Detected drifts, {@code /api/v1/drift/detections}: what was found, what was recommended, what reviewers chose. */
@Path("/api/v1/drift/detections")
@Tag(name = "Drift")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DriftDetectionResource {

    private final DriftDetectionLog detections;
    private final ObjectMapper mapper;

    public DriftDetectionResource(DriftDetectionLog detections, ObjectMapper mapper) {
        this.detections = detections;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Detected drifts, newest first, optionally of one system and one kind (DATA, CONCEPT)",
            description = "Each with its recommended remediation and reasons, and the reviewer's decision on its "
                    + "DRIFT_REMEDIATION request once made (the remediation chosen, who, when, why).")
    public Uni<Page<DriftDetectionResponse>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("kind") String kind, @QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("cursor") String cursor) {
        if (kind != null && !kind.equals("DATA") && !kind.equals("CONCEPT")) {
            throw new InvalidFieldsProblem("kind", "must be DATA or CONCEPT");
        }
        int size = Page.checkLimit(limit);
        return detections.page(systemKey, kind, Page.position(cursor, DriftDetectionLog.After::new), size + 1).map(rows -> Page.of(rows, size,
                d -> d.detectedAt + "|" + d.id, d -> DriftDetectionResponse.of(d, mapper)));
    }
}
