package io.refinery.feedback.intake.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refinery.feedback.text.FeedbackAnalyzer;
import io.refinery.platform.problem.FieldIssue;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.ingest.IngestResult;

/**
 * Ingests feedback batches from HTTP or Kafka: each item is checked on its own, its text and source are
 * redacted before anything else happens, then analysed (sentiment, themes for its system's kind) and the batch is
 * written in one statement. Raw text is never logged, stored or published.
 */
@ApplicationScoped
public class FeedbackIngestor {

    private final FeedbackStore store;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final FeedbackAnalyzer analyzer = FeedbackAnalyzer.defaults();

    public FeedbackIngestor(FeedbackStore store, MeterRegistry registry, ObjectMapper mapper) {
        this.store = store;
        this.registry = registry;
        this.mapper = mapper;
    }

    public Uni<IngestResult> ingest(List<FeedbackReader.Parsed> parsed) {
        Set<String> keys = new HashSet<>();
        for (FeedbackReader.Parsed p : parsed) {
            if (p.ok()) {
                keys.add(p.draft().systemKey());
            }
        }
        return store.kinds(keys).flatMap(kinds -> {
            List<AnalysedItem> good = new ArrayList<>(parsed.size());
            List<IngestResult.RejectedItem> rejected = new ArrayList<>();
            Set<java.util.UUID> seen = new HashSet<>();
            int inBatchDuplicates = 0;
            for (int i = 0; i < parsed.size(); i++) {
                FeedbackReader.Parsed p = parsed.get(i);
                if (!p.ok()) {
                    rejected.add(new IngestResult.RejectedItem(i, p.issues()));
                } else if (!kinds.containsKey(p.draft().systemKey())) {
                    rejected.add(new IngestResult.RejectedItem(i, List.of(new FieldIssue("systemKey",
                            "unknown AI system '" + p.draft().systemKey() + "': register it on oversight-service first"))));
                } else if (!seen.add(p.draft().id())) {
                    inBatchDuplicates++;
                } else {
                    good.add(analyse(p.draft(), kinds.get(p.draft().systemKey())));
                }
            }
            int duplicatesInBatch = inBatchDuplicates;
            return store.insert(good).map(inserted -> {
                count(inserted, rejected.size());
                return new IngestResult(inserted.size(), good.size() - inserted.size() + duplicatesInBatch, rejected);
            });
        });
    }

    /** Redaction first: everything after this line sees only redacted text. */
    public AnalysedItem analyse(FeedbackDraft d, String kind) {
        FeedbackAnalyzer.Analysis a = analyzer.analyze(kind, d.text());
        Map<String, String> source = new LinkedHashMap<>();
        d.source().forEach((k, v) -> source.put(k, analyzer.redact(v)));
        String debrief = null;
        if (d.debrief() != null) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("aiAction", analyzer.redact(d.debrief().aiAction()));
            m.put("customerReaction", d.debrief().customerReaction());
            m.put("category", d.debrief().category());
            debrief = json(m);
        }
        return new AnalysedItem(d.id(), d.clientId(), d.systemKey(), d.channel(), d.segment(), a.redactedText(), d.rating(), d.locale(),
                d.occurredAt(), json(source), debrief, a.sentiment().score(), a.sentiment().label().name(), a.themes());
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a string map", e);
        }
    }

    /** Counts stored items for {@code refinery_feedback_items_total{system,channel}}. */
    public void count(List<String[]> inserted, int rejected) {
        Map<String, Integer> by = new LinkedHashMap<>();
        for (String[] sc : inserted) {
            by.merge(sc[0] + "\u0000" + sc[1], 1, Integer::sum);
        }
        by.forEach((k, v) -> {
            String[] sc = k.split("\u0000");
            Counter.builder("refinery_feedback_items").description("Feedback items stored")
                    .tag("system", sc[0]).tag("channel", sc[1]).register(registry).increment(v);
        });
        Counter.builder("refinery_feedback_rejected").description("Feedback items refused as invalid")
                .register(registry).increment(rejected);
    }
}
