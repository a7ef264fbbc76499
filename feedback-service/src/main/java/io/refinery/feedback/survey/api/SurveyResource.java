package io.refinery.feedback.survey.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.feedback.intake.domain.FeedbackIds;
import io.refinery.feedback.survey.domain.SurveyService;
import io.refinery.feedback.survey.form.Question;
import io.refinery.feedback.survey.form.QuestionType;
import io.refinery.platform.api.Roles;
import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.Problem;
import io.smallrye.mutiny.Uni;

/** Surveys with a question lint, and their responses: {@code /api/v1/surveys}. */
@Path("/api/v1/surveys")
@Tag(name = "Surveys", description = "Unbiased surveys, segmented responses, NPS and CSAT")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /** {@code POST /surveys} body. */
    public record SurveyRequest(String key, String systemKey, List<QuestionRequest> questions, Boolean acknowledgeFindings) {
    }

    /** One question. */
    public record QuestionRequest(String id, String text, String type, List<String> options) {
    }

    /** {@code POST /surveys/lint} body. */
    public record LintRequest(List<QuestionRequest> questions) {
    }

    /** A 422 problem that carries the findings. */
    public record LintProblem(String type, String title, int status, String detail, List<Problem.FieldError> errors,
            List<SurveyService.QuestionFindings> findings) {
        public static LintProblem of(String detail, List<SurveyService.QuestionFindings> findings) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (SurveyService.QuestionFindings f : findings) {
                f.findings().stream().filter(x -> x.blocking()).forEach(x -> errors.add(new Problem.FieldError(
                        "questions[" + f.questionId() + "].text", x.rule() + ": '" + x.offendingWords() + "'; try: " + x.suggestion())));
            }
            return new LintProblem("https://refinery.io/problems/survey-wording", "Unprocessable Content", 422, detail, errors,
                    findings);
        }
    }

    /** {@code POST /surveys/{key}/responses} body. */
    public record ResponseRequest(
            @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                    example = "shop:survey-2026-11.resp_0001", description = "Client id: " + ClientId.RULE
                            + ". A UUID is the response's id; any other id maps to a name-based UUID (README, Ids). "
                            + "Resending it changes nothing") String id,
            String respondentSegment, JsonNode answers, Instant occurredAt) {
    }

    private final SurveyService surveys;

    public SurveyResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    @POST
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Create a survey; its questions are linted",
            description = "Blocking findings (leading, loaded, double-barreled, assumption) refuse the survey with 422 "
                    + "unless acknowledgeFindings is true. The key must be new (409 otherwise).")
    @APIResponse(responseCode = "201", description = "Created, with any findings")
    @APIResponse(responseCode = "422", description = "Blocking wording findings, each with a suggested neutral form")
    public Uni<Response> create(SurveyRequest body, @Context SecurityContext security) {
        if (body == null) {
            throw new InvalidFieldsProblem("body", "must be a survey object");
        }
        List<FieldIssue> issues = new ArrayList<>();
        if (body.key() == null || !KEY.matcher(body.key()).matches()) {
            issues.add(new FieldIssue("key", "must be a slug: lower-case letters, digits and '-', up to 64"));
        }
        if (body.systemKey() == null || !KEY.matcher(body.systemKey()).matches()) {
            issues.add(new FieldIssue("systemKey", "must be a slug: lower-case letters, digits and '-', up to 64"));
        }
        List<Question> questions = questions(body.questions(), issues);
        if (!issues.isEmpty()) {
            throw new InvalidFieldsProblem(issues);
        }
        return surveys.create(body.key(), body.systemKey(), questions, Boolean.TRUE.equals(body.acknowledgeFindings()),
                security.getUserPrincipal().getName()).map(c -> Response.status(201).entity(c).build());
    }

    @POST
    @Path("/lint")
    @RolesAllowed({ Roles.INGEST, Roles.VIEWER, Roles.ADMIN })
    @Operation(summary = "Lint survey questions without creating anything")
    public List<SurveyService.QuestionFindings> lint(LintRequest body) {
        List<FieldIssue> issues = new ArrayList<>();
        List<Question> questions = questions(body == null ? null : body.questions(), issues);
        if (!issues.isEmpty()) {
            throw new InvalidFieldsProblem(issues);
        }
        return SurveyService.lint(questions);
    }

    @POST
    @Path("/{key}/responses")
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Operation(summary = "Record one response with the respondent's segment",
            description = "answers: {questionId: value}; NPS 0..10, CSAT 1..5, RATING 1..10, CHOICE one of the options, "
                    + "FREE_TEXT redacted and analysed. Idempotent on id.")
    @APIResponse(responseCode = "202", description = "Stored (or already stored)")
    @APIResponse(responseCode = "404", description = "No such survey")
    public Uni<Response> respond(@PathParam("key") String key, ResponseRequest body) {
        if (body == null) {
            throw new InvalidFieldsProblem("body", "must be a response object");
        }
        List<FieldIssue> issues = new ArrayList<>();
        if (body.id() == null) {
            issues.add(new FieldIssue("id", "is required"));
        } else if (!ClientId.isValid(body.id())) {
            issues.add(new FieldIssue("id", ClientId.MESSAGE));
        }
        if (body.respondentSegment() == null || !SEGMENT.matcher(body.respondentSegment()).matches()) {
            issues.add(new FieldIssue("respondentSegment", "must be lower-case letters, digits, '_' or '-', up to 40"));
        }
        if (body.answers() == null || !body.answers().isObject() || body.answers().isEmpty()) {
            issues.add(new FieldIssue("answers", "must be an object of questionId to answer, with at least one"));
        }
        if (!issues.isEmpty()) {
            throw new InvalidFieldsProblem(issues);
        }
        Instant at = body.occurredAt() == null ? Instant.now() : body.occurredAt();
        UUID id = FeedbackIds.surveyResponse(body.id());
        String clientId = ClientId.originalUnlessUuid(body.id());
        return surveys.respond(key, id, clientId, body.respondentSegment(), body.answers(), at)
                .map(isNew -> Response.accepted(new Accepted(id, clientId, isNew)).build());
    }

    /** Answer of {@code POST /responses}. */
    public record Accepted(@Schema(description = "The response's id: the client id when it is a UUID, else its name-based UUID")
            UUID id,
            @Schema(description = "The client id as sent when it is not a UUID; null when it is (then it is id)")
            String clientId, boolean stored) {
    }

    private static List<Question> questions(List<QuestionRequest> in, List<FieldIssue> issues) {
        List<Question> out = new ArrayList<>();
        if (in == null || in.isEmpty() || in.size() > 50) {
            issues.add(new FieldIssue("questions", "must hold 1 to 50 questions"));
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            QuestionRequest q = in.get(i);
            String f = "questions[" + i + "]";
            if (q == null) {
                issues.add(new FieldIssue(f, "must be a question object"));
                continue;
            }
            if (q.id() == null || !KEY.matcher(q.id()).matches() || !ids.add(q.id())) {
                issues.add(new FieldIssue(f + ".id", "must be a unique slug"));
            }
            if (q.text() == null || q.text().isBlank() || q.text().length() > 500) {
                issues.add(new FieldIssue(f + ".text", "must be 1 to 500 characters"));
            }
            QuestionType type = null;
            try {
                type = q.type() == null ? null : QuestionType.valueOf(q.type());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (type == null) {
                issues.add(new FieldIssue(f + ".type", "must be one of RATING, NPS, CSAT, FREE_TEXT, CHOICE"));
            } else if (type == QuestionType.CHOICE && (q.options() == null || q.options().size() < 2)) {
                issues.add(new FieldIssue(f + ".options", "a CHOICE question needs at least 2 options"));
            }
            out.add(new Question(q.id(), q.text(), type, q.options()));
        }
        return out;
    }
}
