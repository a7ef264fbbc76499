package io.refinery.metrics.observation.domain;

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
import io.refinery.metrics.ingestion.domain.Vocabulary;

/**
 * Ingests observation batches from HTTP or Kafka: every item is checked on its own (fields, known system),
 * the good ones are written in one statement, and the answer names each refused item with its reasons.
 */
@ApplicationScoped
public class ObservationIngestor {

    private final ObservationStore store;
    private final MeterRegistry registry;

    public ObservationIngestor(ObservationStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Stores the items read well whose system is known; the answer names every other one by its index. */
    public Uni<IngestResult> ingest(List<ObservationReader.Parsed> parsed) {
        Set<String> keys = new HashSet<>();
        String previous = null;
        for (ObservationReader.Parsed p : parsed) {
            // Items of a batch share their system key's String (Vocabulary): hash it only when it changes.
            if (p.ok() && p.observation().systemKey() != previous) {
                previous = p.observation().systemKey();
                keys.add(previous);
            }
        }
        return store.knownSystems(keys).flatMap(known -> {
            List<Observation> good = new ArrayList<>(parsed.size());
            List<IngestResult.RejectedItem> rejected = new ArrayList<>();
            String lastKnown = null;
            for (int i = 0; i < parsed.size(); i++) {
                ObservationReader.Parsed p = parsed.get(i);
                if (!p.ok()) {
                    rejected.add(new IngestResult.RejectedItem(i, p.issues()));
                } else if (p.observation().systemKey() != lastKnown && !known.contains(p.observation().systemKey())) {
                    rejected.add(new IngestResult.RejectedItem(i, List.of(new FieldIssue("systemKey",
                            "unknown AI system '" + p.observation().systemKey()
                                    + "': register it on oversight-service first"))));
                } else {
                    lastKnown = p.observation().systemKey();
                    good.add(p.observation());
                }
            }
            return store.insert(good).map(insertedBySystem -> {
                int inserted = insertedBySystem.values().stream().mapToInt(Integer::intValue).sum();
                count(good, insertedBySystem, rejected.size());
                return new IngestResult(inserted, good.size() - inserted, rejected);
            });
        });
    }

    private void count(List<Observation> good, Map<String, Integer> insertedBySystem, int rejected) {
        Map<String, Integer> validBySystem = ObservationStore.countBySystem(good);
        validBySystem.forEach((system, valid) -> {
            int inserted = insertedBySystem.getOrDefault(system, 0);
            Counter.builder("refinery_observations_ingested").description("Observations stored")
                    .tag("system", system).register(registry).increment(inserted);
            Counter.builder("refinery_observations_duplicates").description("Observations whose id was already stored")
                    .tag("system", system).register(registry).increment(valid - inserted);
        });
        // No system label: a refused item may name a system that does not exist (unbounded label values).
        Counter.builder("refinery_observations_rejected").description("Observations refused as invalid")
                .register(registry).increment(rejected);
    }
}
