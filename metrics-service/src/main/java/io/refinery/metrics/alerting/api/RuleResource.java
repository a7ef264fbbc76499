package io.refinery.metrics.alerting.api;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.platform.api.QueryParams;
import io.refinery.metrics.alerting.domain.RuleEvaluations;
import io.refinery.metrics.alerting.domain.RuleService;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.api.Page;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/** Threshold rules, {@code /api/v1/rules}. */
@Path("/api/v1/rules")
@Tag(name = "Rules", description = "Threshold rules with consecutive-period triggers")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleService rules;
    private final RuleEvaluations evaluations;
    private final JsonWebToken caller;
    private final ObjectMapper mapper;

    public RuleResource(RuleService rules, RuleEvaluations evaluations, JsonWebToken caller, ObjectMapper mapper) {
        this.rules = rules;
        this.evaluations = evaluations;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a rule")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "422", description = "Unknown AI system")
    public Uni<Response> create(@NotNull @Valid RuleRequest request) {
        return rules.create(request.toDraft(), caller.getSubject()).map(r -> Response
                .created(URI.create("/api/v1/rules/" + r.id)).entity(RuleResponse.of(r)).build());
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "List rules, optionally of one system")
    public Uni<Page<RuleResponse>> list(@QueryParam("systemKey") String systemKey,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.checkLimit(limit);
        String after = Page.decode(cursor);
        return rules.page(systemKey, after == null ? null : QueryParams.uuid("cursor", after), size + 1)
                .map(rows -> Page.of(rows, size, r -> r.id.toString(), RuleResponse::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    @Operation(summary = "One rule, with its alert precision")
    public Uni<RuleResponse> get(@PathParam("id") String id) {
        return rules.get(QueryParams.uuid("id", id)).map(RuleResponse::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a rule")
    public Uni<RuleResponse> update(@PathParam("id") String id, @NotNull @Valid RuleRequest request) {
        return rules.update(QueryParams.uuid("id", id), request.toDraft(), caller.getSubject()).map(RuleResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Retire a rule (refused while it has an open alert)")
    @APIResponse(responseCode = "204", description = "Retired")
    @APIResponse(responseCode = "409", description = "The rule has an open alert")
    public Uni<Response> delete(@PathParam("id") String id) {
        return rules.delete(QueryParams.uuid("id", id), caller.getSubject()).map(x -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/evaluate")
    @RolesAllowed({ Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Evaluate now over the closed periods",
            description = "at (optional, ISO-8601, not in the future): evaluate as of that instant, i.e. over the periods closed by then")
    public Uni<EvaluationResponse> evaluate(@PathParam("id") String id, @QueryParam("at") String at) {
        Instant now = Instant.now();
        Instant asOf = at == null ? now : instant("at", at);
        if (asOf.isAfter(now)) {
            throw new InvalidFieldsProblem("at", "must not be in the future");
        }
        return evaluations.evaluate(QueryParams.uuid("id", id), asOf).map(o -> EvaluationResponse.of(o, mapper));
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(field, "must be an ISO-8601 UTC timestamp");
        }
    }
}
