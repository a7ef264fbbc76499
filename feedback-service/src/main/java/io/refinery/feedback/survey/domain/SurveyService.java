package io.refinery.feedback.survey.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.feedback.intake.domain.AnalysedItem;
import io.refinery.feedback.intake.domain.FeedbackDraft;
import io.refinery.feedback.intake.domain.FeedbackIds;
import io.refinery.feedback.intake.domain.FeedbackIngestor;
import io.refinery.feedback.intake.domain.FeedbackStore;
import io.refinery.feedback.intake.submission.Channel;
import io.refinery.feedback.json.PlainJson;
import io.refinery.feedback.survey.form.AnswerRules;
import io.refinery.feedback.survey.form.CheckedAnswers;
import io.refinery.feedback.survey.form.Question;
import io.refinery.feedback.text.PiiRedactor;
import io.refinery.feedback.text.SurveyLint;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Surveys: creation with the question lint (blocking findings refuse unless acknowledged), and responses with the
 * respondent's segment. NPS and CSAT answers are kept as numbers; free-text answers are redacted, analysed and
 * stored as SURVEY feedback items in the same transaction as the response.
 */
@ApplicationScoped
public class SurveyService {

    /** Lint findings of one question (stored as JSON with the survey). */
    @RegisterForReflection
    public record QuestionFindings(String questionId, List<SurveyLint.Finding> findings) {
    }

    /** A created survey. */
    public record Created(String key, String systemKey, List<QuestionFindings> findings, boolean acknowledged) {
    }

    /** The survey had blocking findings and was not acknowledged (HTTP 422 with the findings). */
    public static class BlockingFindings extends RuntimeException {
        public final transient List<QuestionFindings> findings;

        public BlockingFindings(List<QuestionFindings> findings) {
            super("the survey has blocking wording findings; fix them or send \"acknowledgeFindings\": true");
            this.findings = findings;
        }
    }

    private static final String INSERT_SURVEY = "insert into feedback.surveys (key, system_key, questions, findings,"
            + " acknowledged, created_by, created_at) values ($1, $2, $3::jsonb, $4::jsonb, $5, $6, now())"
            + " on conflict (key) do nothing";
    private static final String FIND_SURVEY = "select system_key, questions from feedback.surveys where key = $1";
    private static final String INSERT_RESPONSE = "insert into feedback.survey_responses (id, survey_key, system_key,"
            + " segment, answers, nps, csat, occurred_at, received_at, client_id)"
            + " values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, now(), $9)"
            + " on conflict (id) do nothing";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final FeedbackStore store;
    private final FeedbackIngestor ingestor;
    private final PiiRedactor redactor = new PiiRedactor();

    public SurveyService(Pool pool, ObjectMapper mapper, FeedbackStore store, FeedbackIngestor ingestor) {
        this.pool = pool;
        this.mapper = mapper;
        this.store = store;
        this.ingestor = ingestor;
    }

    public static List<QuestionFindings> lint(List<Question> questions) {
        List<QuestionFindings> out = new ArrayList<>();
        for (Question q : questions) {
            List<SurveyLint.Finding> f = SurveyLint.lint(q.text());
            if (!f.isEmpty()) {
                out.add(new QuestionFindings(q.id(), f));
            }
        }
        return out;
    }

    public Uni<Created> create(String key, String systemKey, List<Question> questions, boolean acknowledge, String actor) {
        List<QuestionFindings> findings = lint(questions);
        boolean blocking = findings.stream().anyMatch(f -> SurveyLint.hasBlocking(f.findings()));
        if (blocking && !acknowledge) {
            return Uni.createFrom().failure(new BlockingFindings(findings));
        }
        return store.kinds(Set.of(systemKey)).flatMap(kinds -> {
            if (kinds.isEmpty()) {
                return Uni.createFrom().failure(new InvalidFieldsProblem("systemKey",
                        "unknown AI system '" + systemKey + "': register it on oversight-service first"));
            }
            Tuple args = Tuple.of(key, systemKey, json(questions), json(findings), acknowledge, actor);
            return pool.preparedQuery(INSERT_SURVEY).execute(args).map(rows -> {
                if (rows.rowCount() == 0) {
                    throw new ConflictProblem("key", "survey '" + key + "' exists already");
                }
                return new Created(key, systemKey, findings, acknowledge);
            });
        });
    }

    /**
     * Records one response; answers is an object questionId → value. Returns false when the id was stored before.
     * {@code clientId} is the id the client sent when it was not a UUID ({@link FeedbackIds}), else null.
     */
    public Uni<Boolean> respond(String surveyKey, UUID id, String clientId, String segment, JsonNode answers,
            Instant occurredAt) {
        return pool.preparedQuery(FIND_SURVEY).execute(Tuple.of(surveyKey)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(new NotFoundProblem("survey '" + surveyKey + "' does not exist"));
            }
            Row row = rows.iterator().next();
            String systemKey = row.getString("system_key");
            List<Question> questions = questions(row.getValue("questions").toString());
            Checked checked = check(questions, answers, id, systemKey, segment, occurredAt);
            return store.kinds(Set.of(systemKey)).flatMap(kinds -> {
                List<AnalysedItem> items = checked.freeText().stream()
                        .map(d -> ingestor.analyse(d, kinds.get(systemKey))).toList();
                Tuple args = Tuple.tuple(java.util.Arrays.asList(id, surveyKey, systemKey, segment, checked.answersJson(),
                        checked.nps(), checked.csat(), occurredAt.atOffset(ZoneOffset.UTC), clientId));
                return pool.withTransaction(conn -> conn.preparedQuery(INSERT_RESPONSE).execute(args)
                        .flatMap(r -> r.rowCount() == 0 ? Uni.createFrom().item(false)
                                : store.insert(conn, items).invoke(ins -> ingestor.count(ins, 0)).replaceWith(true)));
            });
        });
    }

    private record Checked(String answersJson, Integer nps, Double csat, List<FeedbackDraft> freeText) {
    }

    /** The answers checked by {@link AnswerRules}, free texts made into SURVEY feedback drafts and redacted for storage. */
    private Checked check(List<Question> questions, JsonNode answers, UUID responseId, String systemKey, String segment,
            Instant occurredAt) {
        @SuppressWarnings("unchecked")
        CheckedAnswers checked = AnswerRules.check(questions, (Map<String, Object>) PlainJson.of(answers));
        if (!checked.ok()) {
            throw new InvalidFieldsProblem(checked.issues().stream().map(i -> new FieldIssue(i.field(), i.message())).toList());
        }
        Map<String, Object> stored = new HashMap<>(checked.values());
        List<FeedbackDraft> freeText = new ArrayList<>();
        checked.freeText().forEach((questionId, text) -> {
            stored.put(questionId, redactor.redact(text));
            UUID itemId = UUID.nameUUIDFromBytes((responseId + "/" + questionId).getBytes(StandardCharsets.UTF_8));
            freeText.add(new FeedbackDraft(itemId, null, systemKey, Channel.SURVEY, segment, text, null, "en", occurredAt,
                    Map.of("survey", questionId), null));
        });
        return new Checked(json(stored), checked.nps(), checked.csat(), freeText);
    }

    private List<Question> questions(String json) {
        try {
            return List.of(mapper.readValue(json, Question[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored questions unreadable", e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
