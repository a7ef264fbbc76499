package io.refinery.feedback.contradiction.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.refinery.feedback.contradiction.rules.CheckWindow;
import io.refinery.feedback.contradiction.rules.Polarity;
import io.refinery.feedback.stats.ContradictionTest;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.refinery.feedback.insight.domain.FeedbackRequests;
import io.refinery.platform.events.InsightEvent;

/**
 * Keeps the closed metric periods from refinery.metrics.rollups and, for a key metric, checks whether the metric
 * and the customers disagree over the window of periods ending with this one (the metric's Mann-Kendall trend
 * against a two-proportion test on the share of negative feedback, this window against the one before, with a
 * minimum volume on both). A contradiction is stored with its insight event and a CONTRADICTION_REVIEW oversight
 * request in the caller's transaction, at most once per system, metric and window.
 */
@ApplicationScoped
public class Contradictions {

    private static final Logger LOG = Logger.getLogger(Contradictions.class);
    private static final String UPSERT_ROLLUP = "insert into feedback.metric_rollups (system_key, metric, period,"
            + " period_start, period_end, value, samples, received_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now())"
            + " on conflict (system_key, metric, period, period_start) do update set period_end = excluded.period_end,"
            + " value = excluded.value, samples = excluded.samples, received_at = excluded.received_at";
    private static final String KNOWN = "select count(*) from feedback.systems where system_key = ?1";
    private static final String VALUES = "select value from feedback.metric_rollups where system_key = ?1 and metric = ?2"
            + " and period = ?3 and period_start >= ?4 and period_start <= ?5 order by period_start";
    private static final String COUNTS = "select count(*) filter (where occurred_at >= ?2),"
            + " count(*) filter (where occurred_at >= ?2 and sentiment_label = 'NEGATIVE'),"
            + " count(*) filter (where occurred_at < ?2),"
            + " count(*) filter (where occurred_at < ?2 and sentiment_label = 'NEGATIVE')"
            + " from feedback.feedback_items where system_key = ?1 and occurred_at >= ?3 and occurred_at < ?4";
    private static final String OVERLAPPING = "select count(*) from feedback.contradictions where system_key = ?1"
            + " and metric = ?2 and period = ?3 and period_end > ?4 and window_start < ?5";
    private static final String THEMES = "select t, count(*) from feedback.feedback_items cross join lateral unnest(themes) as t"
            + " where system_key = ?1 and occurred_at >= ?2 and occurred_at < ?3 and sentiment_label = ?4"
            + " group by t order by 2 desc, 1 limit 5";
    private static final String EXAMPLES = "select id, channel, segment, sentiment, text from feedback.feedback_items"
            + " where system_key = ?1 and occurred_at >= ?2 and occurred_at < ?3 and sentiment_label = ?4"
            + " order by case when ?4 = 'NEGATIVE' then sentiment else -sentiment end, occurred_at desc, id limit ?5";
    /** jsonb arguments go in as text: a string bound straight to a jsonb parameter would be stored as a JSON string. */
    private static final String INSERT = "insert into feedback.contradictions (id, system_key, metric, polarity, kind, period,"
            + " window_start, period_start, period_end, metric_values, metric_z, metric_p, items_now, negative_now,"
            + " items_before, negative_before, sentiment_z, sentiment_p, themes, examples, summary, event_id,"
            + " oversight_request_id, detected_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(cast(?10 as text) as jsonb), ?11, ?12,"
            + " ?13, ?14, ?15, ?16, ?17, ?18, cast(cast(?19 as text) as jsonb), cast(cast(?20 as text) as jsonb), ?21, ?22, ?23, ?24)"
            + " on conflict do nothing";

    private final ContradictionConfig config;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public Contradictions(ContradictionConfig config, Outbox outbox, ObjectMapper mapper) {
        this.config = config;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * Stores the rollup and checks its window; runs inside the caller's transaction. Returns the new contradiction's
     * id, or null when there is none (not a key metric, unknown system, too little data, no disagreement, or one
     * already reported for an overlapping window).
     */
    public Uni<UUID> onRollup(ClosedPeriod r) {
        Polarity polarity = Polarity.of(r.metric(), config.keyMetrics(), config.lowerIsBetter());
        return Panache.getSession().flatMap(s -> s.createNativeQuery(UPSERT_ROLLUP).setParameter(1, r.systemKey())
                .setParameter(2, r.metric()).setParameter(3, r.period()).setParameter(4, utc(r.start()))
                .setParameter(5, utc(r.end())).setParameter(6, r.value()).setParameter(7, r.samples()).executeUpdate()
                .flatMap(x -> polarity == null ? Uni.createFrom().nullItem() : check(s, r, polarity)));
    }

    private Uni<UUID> check(Mutiny.Session s, ClosedPeriod r, Polarity polarity) {
        CheckWindow w = CheckWindow.ending(r.start(), r.end(), config.window());
        return s.createNativeQuery(KNOWN, Long.class).setParameter(1, r.systemKey()).getSingleResult()
                .flatMap(known -> known == 0 ? Uni.createFrom().<List<Double>> nullItem()
                        : s.createNativeQuery(VALUES, Double.class).setParameter(1, r.systemKey()).setParameter(2, r.metric())
                                .setParameter(3, r.period()).setParameter(4, utc(w.windowStart()))
                                .setParameter(5, utc(w.periodStart())).getResultList())
                .flatMap(values -> values == null || values.size() < Math.max(4, config.minPeriods()) ? Uni.createFrom().<UUID> nullItem()
                        : s.createNativeQuery(COUNTS, Object[].class).setParameter(1, r.systemKey())
                                .setParameter(2, utc(w.windowStart())).setParameter(3, utc(w.beforeStart()))
                                .setParameter(4, utc(w.windowEnd())).getSingleResult()
                                .flatMap(counts -> decide(s, r, polarity, w, values, counts)));
    }

    private Uni<UUID> decide(Mutiny.Session s, ClosedPeriod r, Polarity polarity, CheckWindow w, List<Double> values,
            Object[] counts) {
        long nNow = ((Number) counts[0]).longValue();
        long negNow = ((Number) counts[1]).longValue();
        long nBefore = ((Number) counts[2]).longValue();
        long negBefore = ((Number) counts[3]).longValue();
        List<Double> oriented = polarity.oriented(values);
        ContradictionTest.Finding finding = ContradictionTest.detect(oriented, negNow, nNow, negBefore, nBefore,
                config.minVolume(), config.alpha());
        LOG.debugf("contradiction check %s/%s window %s..%s: metric %s, feedback %d/%d negative now, %d/%d before -> %s",
                r.systemKey(), r.metric(), w.windowStart(), w.windowEnd(), values, negNow, nNow, negBefore, nBefore,
                finding == null ? "none" : finding.kind());
        if (finding == null) {
            return Uni.createFrom().nullItem();
        }
        return s.createNativeQuery(OVERLAPPING, Long.class).setParameter(1, r.systemKey()).setParameter(2, r.metric())
                .setParameter(3, r.period()).setParameter(4, utc(w.windowStart())).setParameter(5, utc(w.windowEnd()))
                .getSingleResult()
                .flatMap(overlapping -> overlapping > 0 ? Uni.createFrom().<UUID> nullItem()
                        : evidence(s, r, finding.kind(), w).flatMap(ev -> store(s, r, polarity, w, values, finding,
                                new InsightEvent.CustomerSide(nNow, negNow, finding.shareNegativeNow(), nBefore, negBefore,
                                        finding.shareNegativeBefore(), finding.sentiment().z(), finding.sentiment().p()),
                                ev)));
    }

    private record Evidence(List<InsightEvent.ThemeCount> themes, List<InsightEvent.Example> examples) {
    }

    /** Themes and the strongest examples of the side that contradicts the metric (negative when the metric improved). */
    private Uni<Evidence> evidence(Mutiny.Session s, ClosedPeriod r, ContradictionTest.Kind kind, CheckWindow w) {
        String label = kind == ContradictionTest.Kind.METRIC_UP_SENTIMENT_DOWN ? "NEGATIVE" : "POSITIVE";
        return s.createNativeQuery(THEMES, Object[].class).setParameter(1, r.systemKey()).setParameter(2, utc(w.windowStart()))
                .setParameter(3, utc(w.windowEnd())).setParameter(4, label).getResultList()
                .flatMap(themeRows -> s.createNativeQuery(EXAMPLES, Object[].class).setParameter(1, r.systemKey())
                        .setParameter(2, utc(w.windowStart())).setParameter(3, utc(w.windowEnd())).setParameter(4, label)
                        .setParameter(5, config.examples()).getResultList()
                        .map(exampleRows -> {
                            List<InsightEvent.ThemeCount> themes = new ArrayList<>();
                            for (Object[] t : themeRows) {
                                themes.add(new InsightEvent.ThemeCount((String) t[0], ((Number) t[1]).longValue()));
                            }
                            List<InsightEvent.Example> examples = new ArrayList<>();
                            for (Object[] e : exampleRows) {
                                examples.add(new InsightEvent.Example(UUID.fromString(String.valueOf(e[0])), (String) e[1], (String) e[2],
                                        ((Number) e[3]).doubleValue(), (String) e[4]));
                            }
                            return new Evidence(themes, examples);
                        }));
    }

    private Uni<UUID> store(Mutiny.Session s, ClosedPeriod r, Polarity polarity, CheckWindow w, List<Double> values,
            ContradictionTest.Finding f, InsightEvent.CustomerSide customers, Evidence ev) {
        UUID id = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        Instant now = Instant.now();
        String direction = polarity.actualDirection(f.metric().direction());
        double metricZ = polarity.actualZ(f.metric().z());
        InsightEvent.MetricSide metric = new InsightEvent.MetricSide(r.metric(), polarity.name(), values, metricZ,
                f.metric().p(), direction);
        String summary = ContradictionSummary.of(r.systemKey(), f.kind(), metric, customers, w.windowStart(),
                w.windowEnd(), ev.themes(), ev.examples());
        InsightEvent.ContradictionDetected event = new InsightEvent.ContradictionDetected(id, r.systemKey(),
                f.kind().name(), r.period(), w.windowStart(), w.periodStart(), w.windowEnd(), metric, customers,
                ev.themes(), ev.examples(), summary, requestId, now);
        return s.createNativeQuery(INSERT).setParameter(1, id).setParameter(2, r.systemKey()).setParameter(3, r.metric())
                .setParameter(4, polarity.name()).setParameter(5, f.kind().name()).setParameter(6, r.period())
                .setParameter(7, utc(w.windowStart())).setParameter(8, utc(w.periodStart())).setParameter(9, utc(w.windowEnd()))
                .setParameter(10, json(values)).setParameter(11, metricZ).setParameter(12, f.metric().p())
                .setParameter(13, customers.items()).setParameter(14, customers.negative())
                .setParameter(15, customers.itemsBefore()).setParameter(16, customers.negativeBefore())
                .setParameter(17, customers.z()).setParameter(18, customers.p()).setParameter(19, json(ev.themes()))
                .setParameter(20, json(ev.examples())).setParameter(21, summary).setParameter(22, eventId)
                .setParameter(23, requestId).setParameter(24, utc(now)).executeUpdate()
                .flatMap(inserted -> inserted == 0 ? Uni.createFrom().<UUID> nullItem()
                        : outbox.append(eventId, InsightEvent.TOPIC, InsightEvent.ContradictionDetected.TYPE,
                                r.systemKey(), event)
                                .flatMap(e -> outbox.append(ReviewRequested.TOPIC, FeedbackRequests.REVIEW_REQUESTED,
                                        r.systemKey(), request(event, eventId)))
                                .invoke(() -> LOG.infof("contradiction %s on %s/%s: %s", id, r.systemKey(), r.metric(),
                                        f.kind()))
                                .replaceWith(id));
    }

    private static ReviewRequested request(InsightEvent.ContradictionDetected e, UUID eventId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("category", "contradiction");
        payload.put("contradictionId", e.contradictionId().toString());
        payload.put("kind", e.kind());
        payload.put("metric", e.metric().metric());
        payload.put("metricDirection", e.metric().direction());
        payload.put("metricValues", e.metric().values());
        payload.put("windowStart", e.windowStart().toString());
        payload.put("windowEnd", e.periodEnd().toString());
        payload.put("feedbackItems", e.customers().items());
        payload.put("shareNegative", e.customers().shareNegative());
        payload.put("shareNegativeBefore", e.customers().shareNegativeBefore());
        payload.put("themes", e.themes().stream().map(InsightEvent.ThemeCount::theme).toList());
        payload.put("exampleIds", e.examples().stream().map(x -> x.id().toString()).toList());
        double magnitude = Math.abs(e.customers().shareNegative() - e.customers().shareNegativeBefore());
        return new ReviewRequested(Objects.toString(e.oversightRequestId(), null), e.systemKey(),
                FeedbackRequests.CONTRADICTION_REVIEW, e.summary(), payload, magnitude, null, null,
                new RequestSource(FeedbackRequests.SERVICE, eventId.toString()));
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize contradiction evidence", e);
        }
    }

    private static Object utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
