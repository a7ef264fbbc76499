package io.refinery.oversight.report.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.report.learnings.Facts;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.timeline.summary.EventSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the facts of a report period from what this service already holds: the events heard from the other
 * services (oversight.timeline_events) and its own reviews and registry. It never calls another service.
 */
@ApplicationScoped
public class LearningsFacts {

    private static final String SYSTEMS = "select system_key from oversight.ai_systems order by system_key";
    private static final String ALERTS = """
            select f.system_key, f.data->>'alertId' as alert_id, f.data->>'metric' as metric,
                   f.data->>'severity' as severity, f.occurred_at,
                   (select min(r.occurred_at) from oversight.timeline_events r
                     where r.system_key = f.system_key and r.type = 'io.refinery.metrics.alert.resolved.v1'
                       and r.data->>'alertId' = f.data->>'alertId') as resolved_at
              from oversight.timeline_events f
             where f.type = 'io.refinery.metrics.alert.fired.v1' and f.occurred_at >= $1 and f.occurred_at < $2
            """;
    private static final String DRIFTS = """
            select d.system_key, d.data->>'kind' as kind, d.data#>>'{recommendation,action}' as recommended,
                   d.occurred_at, r.outcome, r.modifications
              from oversight.timeline_events d
              left join oversight.reviews r on r.id = (d.data->>'oversightRequestId')::uuid
             where d.type = 'io.refinery.metrics.drift.detected.v1' and d.occurred_at >= $1 and d.occurred_at < $2
            """;
    private static final String EXPERIMENTS = """
            select e.system_key, e.type, e.data->>'experimentKey' as experiment_key, e.occurred_at, e.data::text as data,
                   coalesce(e.data->>'kind', (select s.data->>'kind' from oversight.timeline_events s
                     where s.system_key = e.system_key and s.type = 'io.refinery.experiments.experiment.started.v1'
                       and s.data->>'experimentKey' = e.data->>'experimentKey' limit 1)) as kind
              from oversight.timeline_events e
             where e.type like 'io.refinery.experiments.experiment.%' and e.occurred_at >= $1 and e.occurred_at < $2
            """;
    private static final String HOLDOUTS = """
            select system_key, occurred_at, data::text as data
              from oversight.timeline_events
             where type = 'io.refinery.experiments.holdout.measured.v1' and occurred_at >= $1 and occurred_at < $2
            """;
    private static final String GAPS = """
            select system_key, type = 'io.refinery.experiments.coverage.gap-opened.v1' as opened, occurred_at
              from oversight.timeline_events
             where type like 'io.refinery.experiments.coverage.%' and occurred_at >= $1 and occurred_at < $2
            """;
    private static final String UNCOVERED = """
            select system_key from (
              select distinct on (system_key) system_key, type from oversight.timeline_events
               where type like 'io.refinery.experiments.coverage.%' and occurred_at < $2 and $1::timestamptz is not null
               order by system_key, occurred_at desc, event_id desc) last
             where type = 'io.refinery.experiments.coverage.gap-opened.v1'
            """;
    private static final String FEEDBACK = """
            select system_key, type, coalesce(data->>'theme', data->>'kind') as subject, occurred_at
              from oversight.timeline_events
             where category = 'FEEDBACK' and occurred_at >= $1 and occurred_at < $2
            """;
    private static final String REVIEWS = """
            select system_key, action_type, tier, state,
                   (decided_at is not null and decided_at > due_at)
                     or (state = 'PENDING' and due_at < least($2, now())) as breached
              from oversight.reviews where created_at >= $1 and created_at < $2
            """;
    private static final String ROLLOUTS = """
            select system_key, data->>'rolloutKey' as rollout_key, type, data->>'phase' as phase, occurred_at
              from oversight.timeline_events
             where category = 'ROLLOUT' and occurred_at >= $1 and occurred_at < $2
            """;

    private final Pool pool;
    private final ObjectMapper mapper;

    public LearningsFacts(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Facts> of(Instant from, Instant to) {
        Tuple window = Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        Uni<List<String>> systems = pool.query(SYSTEMS).execute().map(rows -> list(rows, r -> r.getString(0)));
        Uni<List<Facts.Alert>> alerts = query(ALERTS, window, r -> new Facts.Alert(r.getString("system_key"),
                r.getString("alert_id"), r.getString("metric"), r.getString("severity"), at(r, "occurred_at"),
                at(r, "resolved_at")));
        Uni<List<Facts.Drift>> drifts = query(DRIFTS, window, this::drift);
        Uni<List<Facts.Experiment>> experiments = query(EXPERIMENTS, window, this::experiment);
        Uni<List<Facts.CoverageGap>> gaps = query(GAPS, window, r -> new Facts.CoverageGap(r.getString("system_key"),
                r.getBoolean("opened"), at(r, "occurred_at")));
        Uni<List<String>> uncovered = query(UNCOVERED, window, r -> r.getString("system_key"));
        Uni<List<Facts.Feedback>> feedback = query(FEEDBACK, window, r -> new Facts.Feedback(r.getString("system_key"),
                r.getString("type").contains(".contradiction.") ? Facts.FeedbackKind.CONTRADICTION
                        : Facts.FeedbackKind.THEME_SPIKE,
                r.getString("subject"), at(r, "occurred_at")));
        Uni<List<Facts.Review>> reviews = query(REVIEWS, window, r -> new Facts.Review(r.getString("system_key"),
                r.getString("action_type"), r.getString("tier"), r.getString("state"), r.getBoolean("breached")));
        Uni<List<Facts.Rollout>> rollouts = query(ROLLOUTS, window, r -> new Facts.Rollout(r.getString("system_key"),
                r.getString("rollout_key"), kind(r.getString("type"), "experiments.rollout."), r.getString("phase"),
                at(r, "occurred_at")));
        Uni<List<Facts.HoldoutReading>> holdouts = query(HOLDOUTS, window, this::holdout);
        return Uni.combine().all()
                .unis(systems, alerts, drifts, experiments, gaps, uncovered, feedback, reviews, rollouts, holdouts)
                .with(parts -> new Facts(cast(parts.get(0)), cast(parts.get(1)), cast(parts.get(2)), cast(parts.get(3)),
                        cast(parts.get(4)), cast(parts.get(5)), cast(parts.get(6)), cast(parts.get(7)), cast(parts.get(8)),
                        cast(parts.get(9))));
    }

    private Facts.Drift drift(Row r) {
        String recommended = r.getString("recommended");
        String outcome = r.getString("outcome");
        String chosen = switch (outcome == null ? "" : outcome) {
            case "APPROVE" -> recommended;
            case "MODIFY" -> {
                JsonNode action = json(r.getString("modifications")).path("action");
                yield action.isTextual() && !action.asText().isBlank() ? action.asText().strip().toUpperCase(java.util.Locale.ROOT) : recommended;
            }
            default -> null;
        };
        return new Facts.Drift(r.getString("system_key"), r.getString("kind"), recommended, at(r, "occurred_at"), outcome,
                chosen);
    }

    /**
     * An experiment event. Its kind is the event's own or its started event's; when neither was heard, a RELEASE
     * decision marks a holdout and an A/A advice (AA_PASSED, AA_FAILED) an A/A test.
     */
    private Facts.Experiment experiment(Row r) {
        String kind = kind(r.getString("type"), "experiments.experiment.");
        Facts.ExperimentEvent event = switch (kind) {
            case "started" -> Facts.ExperimentEvent.STARTED;
            case "stopped" -> Facts.ExperimentEvent.STOPPED;
            case "concluded" -> Facts.ExperimentEvent.CONCLUDED;
            case "overdue" -> Facts.ExperimentEvent.OVERDUE;
            default -> null;
        };
        String experimentKind = r.getString("kind");
        String decision = null;
        Double lift = null;
        String advice = null;
        if (event == Facts.ExperimentEvent.CONCLUDED) {
            JsonNode data = json(r.getString("data"));
            decision = data.path("decision").asText(null);
            advice = data.path("evaluation").path("recommendation").path("advice").asText(null);
            if (decision != null && decision.startsWith("SHIP:")) {
                String variant = decision.substring("SHIP:".length());
                for (JsonNode c : data.path("evaluation").path("primaryMetric").path("comparisons")) {
                    if (variant.equals(c.path("variant").asText()) && c.path("relativeLift").isNumber()) {
                        lift = c.path("relativeLift").asDouble();
                    }
                }
            }
            if (experimentKind == null && "RELEASE".equals(decision)) {
                experimentKind = Facts.HOLDOUT;
            } else if (experimentKind == null && advice != null && advice.startsWith("AA_")) {
                experimentKind = Facts.AA_TEST;
            }
        }
        return event == null ? null : new Facts.Experiment(r.getString("system_key"), r.getString("experiment_key"),
                experimentKind, event, decision, lift, advice, at(r, "occurred_at"));
    }

    /** A holdout.measured event's data; measured at the event's time when its data does not say. */
    private Facts.HoldoutReading holdout(Row r) {
        JsonNode d = json(r.getString("data"));
        List<String> shipped = new ArrayList<>();
        d.path("shipped").forEach(s -> shipped.add(s.asText()));
        Instant measuredAt;
        try {
            measuredAt = Instant.parse(d.path("measuredAt").asText());
        } catch (DateTimeParseException e) {
            measuredAt = at(r, "occurred_at");
        }
        return new Facts.HoldoutReading(r.getString("system_key"),
                d.path("holdoutKey").asText(d.path("experimentId").asText("(unnamed)")),
                d.path("metric").asText(null), d.path("share").asDouble(), d.path("heldOutUnits").asLong(),
                d.path("exposedUnits").asLong(), number(d, "relativeLift"), number(d, "ciLow"), number(d, "ciHigh"),
                number(d, "pValue"), d.path("advice").asText(null), shipped, measuredAt,
                d.path("finalReading").asBoolean(false));
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    private <T> Uni<List<T>> query(String sql, Tuple args, Function<Row, T> mapping) {
        return pool.preparedQuery(sql).execute(args).map(rows -> list(rows, mapping));
    }

    private static <T> List<T> list(Iterable<Row> rows, Function<Row, T> mapping) {
        List<T> out = new ArrayList<>();
        for (Row row : rows) {
            T item = mapping.apply(row);
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    /** {@code io.refinery.experiments.rollout.phase-approved.v1} with prefix experiments.rollout. → phase-approved. */
    static String kind(String type, String prefix) {
        String kind = EventSummary.kindOf(type);
        return kind.startsWith(prefix) ? kind.substring(prefix.length()) : kind;
    }

    private static Instant at(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private JsonNode json(String text) {
        if (text == null) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return mapper.missingNode();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
