package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.refinery.platform.jdbc.JdbcTransactions;

/**
 * Writes a batch of drift samples in one JDBC transaction (worker thread), idempotently:
 *
 * <ol>
 *   <li>The ledger ({@code drift_samples}) gets one row per new (system, id); an id seen before only fills a prediction
 *       or outcome it lacked (features of a repeated id are ignored), otherwise it is a duplicate.</li>
 *   <li>The features of new samples go to their (system, feature, UTC day) rows: numbers into the bounded bottom-k
 *       sample, strings and booleans into the capped category counts. Rows are locked in key order.</li>
 *   <li>Every sample whose prediction and outcome just became both known feeds its error, in batch order, to its
 *       system's concept-drift detector (exactly once per id: the ledger's error is set only once), and a detection is
 *       recorded with its events.</li>
 * </ol>
 * The ledger is written by {@link SampleLedger} and the feature days by {@link FeatureDayRows}.
 * Ledger, feature days and detectors are locked in that order and each in key order, so concurrent batches cannot
 * deadlock; a transaction PostgreSQL aborts anyway is retried whole ({@link JdbcTransactions}).
 */
@ApplicationScoped
public class SampleStore {

    /** Per system: new samples, samples that got their prediction or outcome, repeats that changed nothing. */
    public record Counts(int accepted, int updated, int duplicates) {
    }

    private final DataSource dataSource;
    private final ConceptDetectors detectors;
    private final DriftDetections detections;
    private final FeatureDayRows featureDays;

    public SampleStore(DataSource dataSource, DriftConfig config, ConceptDetectors detectors,
            DriftDetections detections, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.detectors = detectors;
        this.detections = detections;
        this.featureDays = new FeatureDayRows(config, mapper);
    }

    /** Stores the batch (every system known); returns what happened per system. */
    public Uni<Map<String, Counts>> store(List<Sample> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().item(() -> JdbcTransactions.inTransaction(dataSource, "storing " + batch.size() + " samples",
                c -> storeOnce(c, SampleBatch.collapse(batch)))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Map<String, Counts> storeOnce(Connection c, List<SampleBatch.Item> items) throws SQLException {
        Set<String> inserted = SampleLedger.insertNew(c, items);
        List<SampleBatch.Error> errors = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>(); // accepted, updated, duplicates
        List<SampleBatch.Item> fresh = new ArrayList<>();
        List<SampleBatch.Item> known = new ArrayList<>();
        for (SampleBatch.Item item : items) {
            if (inserted.contains(item.key())) {
                fresh.add(item);
                counts.computeIfAbsent(item.sample().systemKey(), k -> new int[3])[0]++;
                if (item.prediction() != null && item.outcome() != null) {
                    errors.add(new SampleBatch.Error(item.position(), item.sample().systemKey(),
                            Sample.Value.error(item.prediction(), item.outcome())));
                }
            } else {
                known.add(item);
            }
        }
        int[] updated = SampleLedger.updateKnown(c, known, errors);
        for (int i = 0; i < known.size(); i++) {
            counts.computeIfAbsent(known.get(i).sample().systemKey(), k -> new int[3])[updated[i] == 1 ? 1 : 2]++;
        }
        featureDays.add(c, fresh);
        feedDetectors(c, errors);
        Map<String, Counts> result = new HashMap<>();
        counts.forEach((system, n) -> result.put(system, new Counts(n[0], n[1], n[2])));
        return result;
    }

    private void feedDetectors(Connection c, List<SampleBatch.Error> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        errors.sort(Comparator.comparingInt(SampleBatch.Error::position));
        Map<String, List<Double>> bySystem = new TreeMap<>();
        for (SampleBatch.Error e : errors) {
            bySystem.computeIfAbsent(e.systemKey(), k -> new ArrayList<>()).add(e.error());
        }
        for (Map.Entry<String, List<Double>> system : bySystem.entrySet()) {
            double[] values = system.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            ConceptDetectors.ConceptDetection detection = detectors.feed(c, system.getKey(), values);
            if (detection != null) {
                detections.concept(c, system.getKey(), detection);
            }
        }
    }
}
