package io.refinery.oversight.console.api;

import java.util.UUID;

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
import io.refinery.oversight.console.domain.ConsoleDecisions;
import io.refinery.oversight.console.domain.DecisionCommand;
import io.refinery.oversight.console.domain.DecisionForm;
import io.refinery.oversight.console.domain.FormProblem;
import io.refinery.oversight.console.domain.Notice;
import io.refinery.oversight.console.domain.ReviewPages;
import io.refinery.oversight.console.domain.SessionThread;
import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.RefusedProblem;
import io.smallrye.mutiny.Uni;

/**
 * The review page, {@code /console/reviews/{id}}: "should I approve this?" The request, its payload, evidence and
 * history for every console role; the decision form, claim and release for reviewers, approvers and admins. Posts go
 * through the review feature's rules ({@link ConsoleDecisions}); a refusal shows the page again with the reason and
 * the typed rationale kept, and a decision leads back to the queue with a notice.
 */
@Path("/console/reviews/{id}")
@Produces("text/html;charset=UTF-8")
public class ReviewPageResource {

    private final ReviewPages pages;
    private final ConsoleDecisions decisions;
    private final ConsoleFrames frames;
    private final ConsolePageErrors errors;
    private final JsonWebToken caller;

    public ReviewPageResource(ReviewPages pages, ConsoleDecisions decisions, ConsoleFrames frames, ConsolePageErrors errors,
            JsonWebToken caller) {
        this.pages = pages;
        this.decisions = decisions;
        this.frames = frames;
        this.errors = errors;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> show(@PathParam("id") String id, @QueryParam("notice") String notice) {
        return render(ReviewIds.ofPathId(id), DecisionForm.BLANK, Notice.ofCode(notice), 200);
    }

    @POST
    @Path("/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> decide(@PathParam("id") String id, @FormParam("outcome") String outcome,
            @FormParam("rationale") String rationale, @FormParam("modifications") String modifications) {
        UUID uuid = ReviewIds.ofPathId(id);
        DecisionCommand command = new DecisionCommand(outcome, rationale, modifications);
        return decisions.decide(uuid, command, ConsoleFrames.user(caller))
                .map(notice -> ConsolePageErrors.seeOther("/console/queue?notice=" + notice.code()).build())
                .onFailure(ReviewPageResource::refusal).recoverWithUni(e -> refused(uuid, command.form(), e));
    }

    @POST
    @Path("/session/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> decideJointly(@PathParam("id") String id, @FormParam("outcome") String outcome,
            @FormParam("rationale") String rationale, @FormParam("modifications") String modifications) {
        UUID uuid = ReviewIds.ofPathId(id);
        DecisionCommand command = new DecisionCommand(outcome, rationale, modifications);
        return decisions.decideJointly(uuid, command, ConsoleFrames.user(caller))
                .map(notice -> ConsolePageErrors.seeOther("/console/queue?notice=" + notice.code()).build())
                .onFailure(ReviewPageResource::refusal).recoverWithUni(e -> refused(uuid, command.form(), e));
    }

    @POST
    @Path("/session/join")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> join(@PathParam("id") String id) {
        UUID uuid = ReviewIds.ofPathId(id);
        return decisions.join(uuid, ConsoleFrames.user(caller)).map(notice -> backToReview(uuid, notice))
                .onFailure(ReviewPageResource::refusal).recoverWithUni(e -> refused(uuid, DecisionForm.BLANK, e));
    }

    @POST
    @Path("/session/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> note(@PathParam("id") String id, @FormParam("note") String note, @FormParam("link") String link) {
        UUID uuid = ReviewIds.ofPathId(id);
        SessionThread.NoteForm form = new SessionThread.NoteForm(note == null ? "" : note, link == null ? "" : link, null,
                null);
        return decisions.note(uuid, form, ConsoleFrames.user(caller)).map(notice -> backToReview(uuid, notice))
                .onFailure(ReviewPageResource::refusal).recoverWithUni(e -> {
                    String field = e instanceof FormProblem f ? f.field() : e instanceof RefusedProblem r ? r.field()
                            : e instanceof ConflictProblem c ? c.field() : "note";
                    return render(uuid, DecisionForm.BLANK, form.withError(field, e.getMessage()), null, status(e));
                });
    }

    @POST
    @Path("/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> claim(@PathParam("id") String id) {
        UUID uuid = ReviewIds.ofPathId(id);
        return decisions.claim(uuid, ConsoleFrames.user(caller)).map(notice -> backToReview(uuid, notice))
                .onFailure(ReviewPageResource::refusal).recoverWithUni(e -> refused(uuid, DecisionForm.BLANK, e));
    }

    @POST
    @Path("/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN })
    public Uni<Response> release(@PathParam("id") String id) {
        UUID uuid = ReviewIds.ofPathId(id);
        return decisions.release(uuid, ConsoleFrames.user(caller)).map(notice -> backToReview(uuid, notice))
                .onFailure(ReviewPageResource::refusal).recoverWithUni(e -> refused(uuid, DecisionForm.BLANK, e));
    }

    private Uni<Response> render(UUID id, DecisionForm form, Notice notice, int status) {
        return render(id, form, SessionThread.NoteForm.BLANK, notice, status);
    }

    private Uni<Response> render(UUID id, DecisionForm form, SessionThread.NoteForm noteForm, Notice notice, int status) {
        return frames.of(caller, "queue").flatMap(frame -> pages.load(id, frame, form, noteForm, notice))
                .flatMap(page -> ConsoleTemplates.review(page).createUni())
                .map(html -> Response.status(status).type(ConsolePageErrors.HTML).entity(html).build());
    }

    /** The page again, with why the rules or the form refused and what was typed. */
    private Uni<Response> refused(UUID id, DecisionForm form, Throwable e) {
        String field = e instanceof FormProblem f ? f.field() : e instanceof RefusedProblem r ? r.field()
                : e instanceof ConflictProblem c ? c.field() : "decision";
        return render(id, form.withError(field, e.getMessage()), null, status(e));
    }

    private static int status(Throwable e) {
        return e instanceof RefusedProblem ? 403 : e instanceof ConflictProblem ? 409 : 400;
    }

    /** The failures that are the rules or the form saying no, as opposed to errors. */
    private static boolean refusal(Throwable e) {
        return e instanceof FormProblem || e instanceof RefusedProblem || e instanceof ConflictProblem
                || e instanceof InvalidFieldsProblem;
    }

    private static Response backToReview(UUID id, Notice notice) {
        return ConsolePageErrors.seeOther("/console/reviews/" + id + "?notice=" + notice.code()).build();
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
        return errors.forbidden();
    }

    @ServerExceptionMapper
    public Response failed(Exception e) {
        return errors.of(e);
    }
}
