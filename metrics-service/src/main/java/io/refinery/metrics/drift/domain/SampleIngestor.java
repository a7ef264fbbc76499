package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.ingest.IngestResult;
import io.refinery.metrics.observation.domain.ObservationStore;

/**
 * Ingests drift sample batches from HTTP or Kafka: every item is checked on its own (fields, retention, known system),
 * the good ones are stored together ({@link SampleStore}), and the answer names each refused item with its reasons.
 */
@ApplicationScoped
public class SampleIngestor {

    /** What happened to a batch. */
    public record Result(int accepted, int updated, int duplicates, List<IngestResult.RejectedItem> rejected) {
    }

    private final SampleStore store;
    private final ObservationStore systems;
    private final DriftConfig config;
    private final MeterRegistry registry;

    public SampleIngestor(SampleStore store, ObservationStore systems, DriftConfig config, MeterRegistry registry) {
        this.store = store;
        this.systems = systems;
        this.config = config;
        this.registry = registry;
    }

    /** The oldest observedAt accepted now. */
    public Instant oldestAccepted(Instant now) {
        return now.minus(config.sampleRetention());
    }

    public Uni<Result> ingest(List<SampleReader.Parsed> parsed) {
        Set<String> keys = new HashSet<>();
        for (SampleReader.Parsed p : parsed) {
            if (p.ok()) {
                keys.add(p.sample().systemKey());
            }
        }
        return systems.knownSystems(keys).flatMap(known -> {
            List<Sample> good = new ArrayList<>(parsed.size());
            List<IngestResult.RejectedItem> rejected = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                SampleReader.Parsed p = parsed.get(i);
                if (!p.ok()) {
                    rejected.add(new IngestResult.RejectedItem(i, p.issues()));
                } else if (!known.contains(p.sample().systemKey())) {
                    rejected.add(new IngestResult.RejectedItem(i, List.of(new FieldIssue("systemKey",
                            "unknown AI system '" + p.sample().systemKey() + "': register it on oversight-service first"))));
                } else {
                    good.add(p.sample());
                }
            }
            return store.store(good).map(bySystem -> {
                count(bySystem, rejected.size());
                int accepted = bySystem.values().stream().mapToInt(SampleStore.Counts::accepted).sum();
                int updated = bySystem.values().stream().mapToInt(SampleStore.Counts::updated).sum();
                int duplicates = bySystem.values().stream().mapToInt(SampleStore.Counts::duplicates).sum();
                return new Result(accepted, updated, duplicates, rejected);
            });
        });
    }

    private void count(Map<String, SampleStore.Counts> bySystem, int rejected) {
        bySystem.forEach((system, n) -> {
            Counter.builder("refinery_drift_samples_ingested").description("Drift samples stored (new ids)")
                    .tag("system", system).register(registry).increment(n.accepted());
            Counter.builder("refinery_drift_samples_updated")
                    .description("Drift samples whose prediction or outcome arrived later").tag("system", system)
                    .register(registry).increment(n.updated());
            Counter.builder("refinery_drift_samples_duplicates").description("Drift samples whose id changed nothing")
                    .tag("system", system).register(registry).increment(n.duplicates());
        });
        Counter.builder("refinery_drift_samples_rejected").description("Drift samples refused as invalid")
                .register(registry).increment(rejected);
    }
}
