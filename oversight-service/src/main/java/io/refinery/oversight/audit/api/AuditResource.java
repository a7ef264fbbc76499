package io.refinery.oversight.audit.api;

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

import io.refinery.oversight.audit.domain.AuditReader;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/** The tamper-evident audit log, {@code /api/v1/audit}. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Every request, policy change, claim and decision, chained by SHA-256")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditReader audit;

    public AuditResource(AuditReader audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Audit entries in chain order, optionally of one system")
    public Uni<Page<AuditReader.Entry>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        String position = Page.decode(cursor);
        long after;
        try {
            after = position == null ? 0 : Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
        }
        return audit.page(systemKey == null || systemKey.isBlank() ? null : systemKey.strip(), after, size + 1)
                .map(rows -> Page.of(rows, size, e -> Long.toString(e.seq()), e -> e));
    }

    @GET
    @Path("/verify")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "Recompute the hash chain: OK, or the first broken link")
    public Uni<AuditReader.Verification> verify() {
        return audit.verify();
    }
}
