package io.refinery.oversight.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.refinery.oversight.console.domain.ErrorPage;
import io.refinery.oversight.console.domain.FormProblem;
import io.refinery.oversight.console.domain.PolicyEditForm;
import io.refinery.oversight.console.domain.PolicyPages;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * The policies, {@code /console/policies} (every AI system and its policy version in force) and
 * {@code /console/systems/{key}/policy} ("which oversight does this system's AI get, and who changed it?"), readable
 * by every console role. Approvers and admins edit the policy as JSON: a preview shows the diff and what the draft
 * would have decided for the system's recent requests, and the save goes through the same validation, write and audit
 * entry as {@code PUT /api/v1/systems/{key}/policies}, refused with a 409 page when the policy changed meanwhile.
 */
@Path("/console")
@Produces("text/html;charset=UTF-8")
public class PolicyPagesResource {

    private final PolicyPages pages;
    private final PolicyDraftReader drafts;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public PolicyPagesResource(PolicyPages pages, PolicyDraftReader drafts, ConsoleFrames frames, ConsolePageErrors errors,
            JsonWebToken caller) {
        this.pages = pages;
        this.drafts = drafts;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @Path("/policies")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> list() {
        return frames.of(caller, "policies").flatMap(pages::list)
                .flatMap(page -> PolicyAuditTemplates.policies(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build());
    }

    @GET
    @Path("/systems/{key}/policy")
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> show(@PathParam("key") String key, @QueryParam("saved") String saved) {
        Integer version = saved != null && saved.matches("[0-9]{1,9}") ? Integer.valueOf(saved) : null;
        return render(key, null, version, 200);
    }

    @POST
    @Path("/systems/{key}/policy/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> preview(@PathParam("key") String key, @FormParam("policy") String policy,
            @FormParam("baseVersion") String baseVersion) {
        PolicyEditForm form = new PolicyEditForm(policy == null ? "" : policy, version(baseVersion), null, null);
        PolicyPages.Draft draft;
        try {
            draft = drafts.read(policy);
        } catch (FormProblem e) {
            return render(key, form.withError(e.field(), e.getMessage()), null, 400);
        }
        return frames.of(caller, "policies").flatMap(frame -> pages.preview(key, frame, draft, form.baseVersion()))
                .flatMap(page -> PolicyAuditTemplates.policyPreview(page).createUni())
                .map(html -> Response.ok(html, ConsolePageErrors.HTML).build())
                .onFailure(NotFoundProblem.class).recoverWithItem(e -> noSystem(e))
                .onFailure(InvalidFieldsProblem.class).recoverWithUni(e -> render(key, form.withError("policy",
                        ((InvalidFieldsProblem) e).issues().get(0).field() + ": " + ((InvalidFieldsProblem) e).issues().get(0)
                                .message()), null, 400));
    }

    @POST
    @Path("/systems/{key}/policy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> save(@PathParam("key") String key, @FormParam("policy") String policy,
            @FormParam("baseVersion") String baseVersion) {
        PolicyEditForm form = new PolicyEditForm(policy == null ? "" : policy, version(baseVersion), null, null);
        PolicyPages.Draft draft;
        try {
            draft = drafts.read(policy);
        } catch (FormProblem e) {
            return render(key, form.withError(e.field(), e.getMessage()), null, 400);
        }
        if (baseVersion == null || form.baseVersion() < 0) {
            return render(key, form.withError("policy", "This form does not say which version it was based on; preview "
                    + "the policy again and save from the preview."), null, 400);
        }
        return pages.save(key, draft, form.baseVersion(), caller.getSubject())
                .map(version -> ConsolePageErrors.seeOther("/console/systems/" + key + "/policy?saved=" + version).build())
                .onFailure(NotFoundProblem.class).recoverWithItem(e -> noSystem(e))
                .onFailure(ConflictProblem.class).recoverWithItem(e -> errors.page(new ErrorPage(409, "The policy changed meanwhile",
                        "Not saved: " + e.getMessage() + ". Someone else (or a relaxation or incident) saved a new version "
                                + "after you opened the preview, and saving yours would overwrite it. Open the policy page, "
                                + "look at the current version and make your change again.",
                        "/console/systems/" + key + "/policy", "Open the current policy")))
                .onFailure(InvalidFieldsProblem.class).recoverWithUni(e -> render(key, form.withError("policy",
                        ((InvalidFieldsProblem) e).issues().get(0).field() + ": " + ((InvalidFieldsProblem) e).issues().get(0)
                                .message()), null, 400));
    }

    private Uni<Response> render(String key, PolicyEditForm form, Integer saved, int status) {
        return frames.of(caller, "policies").flatMap(frame -> pages.load(key, frame, form, saved))
                .flatMap(page -> PolicyAuditTemplates.policy(page).createUni())
                .map(html -> Response.status(status).type(ConsolePageErrors.HTML).entity(html).build())
                .onFailure(NotFoundProblem.class).recoverWithItem(e -> noSystem(e));
    }

    private Response noSystem(Throwable e) {
        return errors.page(new ErrorPage(404, "No such AI system", e.getMessage() + ". The policies page lists every "
                + "registered system.", "/console/policies", "Back to the policies"));
    }

    /** The version a form says it was based on; -1 when it says none or something else. */
    private static int version(String text) {
        return text != null && text.matches("[0-9]{1,9}") ? Integer.parseInt(text) : -1;
    }

    @ServerExceptionMapper
    public Response signedOut(UnauthorizedException e, UriInfo uri, Request request) {
        return errors.signIn(uri, request.getMethod(), false);
    }

    @ServerExceptionMapper
    public Response badSession(AuthenticationFailedException e, UriInfo uri, Request request) {
        return errors.signIn(uri, request.getMethod(), true);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return errors.page(new ErrorPage(403, "Not allowed", "Your roles do not allow this. Changing a policy needs the "
                + "approver or admin role; every console role can read the policies.", "/console/policies",
                "Back to the policies"));
    }

    @ServerExceptionMapper
    public Response failed(Exception e) {
        return errors.of(e);
    }
}
