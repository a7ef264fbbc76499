package io.refinery.metrics.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.sampling.BottomKSample;
import io.refinery.metrics.drift.sampling.CategoryTally;
import io.refinery.metrics.drift.sampling.SampleHash;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

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
 * Ledger, feature days and detectors are locked in that order and each in key order, so concurrent batches cannot
 * deadlock; a transaction PostgreSQL aborts anyway is retried whole ({@link DriftJdbc}).
 */
@ApplicationScoped
public class SampleStore {

    /** Per system: new samples, samples that got their prediction or outcome, repeats that changed nothing. */
    public record Counts(int accepted, int updated, int duplicates) {
    }

    private static final String INSERT_LEDGER = """
            insert into metrics.drift_samples as d (system_key, id, observed_at, prediction_number, prediction_label,
                                                    outcome_number, outcome_label, error, received_at)
            select u.s, u.i, u.o::timestamptz, u.pn, u.pl, u.on_, u.ol, u.e, now()
            from unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::float8[], ?::text[], ?::float8[])
                 as u(s, i, o, pn, pl, on_, ol, e)
            on conflict do nothing
            returning d.system_key, d.id
            """;
    private static final String LOCK_LEDGER = """
            select system_key, id, prediction_number, prediction_label, outcome_number, outcome_label, error
            from metrics.drift_samples where (system_key, id) in (select * from unnest(?::text[], ?::text[]))
            order by system_key, id for update
            """;
    private static final String UPDATE_LEDGER = """
            update metrics.drift_samples d set prediction_number = u.pn, prediction_label = u.pl,
                   outcome_number = u.on_, outcome_label = u.ol, error = u.e
            from unnest(?::text[], ?::text[], ?::float8[], ?::text[], ?::float8[], ?::text[], ?::float8[])
                 as u(s, i, pn, pl, on_, ol, e)
            where d.system_key = u.s and d.id = u.i
            """;
    private static final String CREATE_DAYS = """
            insert into metrics.drift_feature_days (system_key, feature, day, seen, reservoir, labelled, categories,
                                                    updated_at)
            select u.s, u.f, u.d::date, 0, ''::bytea, 0, '{}', now() from unnest(?::text[], ?::text[], ?::text[]) as u(s, f, d)
            on conflict do nothing
            """;
    private static final String LOCK_DAYS = """
            select system_key, feature, day::text, seen, reservoir, labelled, categories from metrics.drift_feature_days
            where (system_key, feature, day) in (select u.s, u.f, u.d::date from unnest(?::text[], ?::text[], ?::text[]) as u(s, f, d))
            order by system_key, feature, day for update
            """;
    private static final String SAVE_DAY = "update metrics.drift_feature_days set seen = ?, reservoir = ?, labelled = ?,"
            + " categories = ?, updated_at = now() where system_key = ? and feature = ? and day = ?::date";
    private static final String SAVE_DAY_COUNTS = "update metrics.drift_feature_days set seen = ?, labelled = ?,"
            + " categories = ?, updated_at = now() where system_key = ? and feature = ? and day = ?::date";
    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final DriftConfig config;
    private final ConceptDetectors detectors;
    private final DriftDetections detections;
    private final ObjectMapper mapper;

    public SampleStore(DataSource dataSource, DriftConfig config, ConceptDetectors detectors,
            DriftDetections detections, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.detectors = detectors;
        this.detections = detections;
        this.mapper = mapper;
    }

    /** Stores the batch (every system known); returns what happened per system. */
    public Uni<Map<String, Counts>> store(List<Sample> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().item(() -> DriftJdbc.inTransaction(dataSource, "storing " + batch.size() + " samples",
                c -> storeOnce(c, collapse(batch)))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A sample id once per batch: the first item's features and time, the first prediction and outcome given. */
    private record Item(int position, Sample sample, Sample.Value prediction, Sample.Value outcome) {

        String key() {
            return sample.systemKey() + '\u0000' + sample.id();
        }
    }

    private static List<Item> collapse(List<Sample> batch) {
        Map<String, Item> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            Item item = new Item(i, s, s.prediction(), s.outcome());
            byKey.merge(item.key(), item, (first, later) -> new Item(first.position(), first.sample(),
                    first.prediction() != null ? first.prediction() : later.prediction(),
                    first.outcome() != null ? first.outcome() : later.outcome()));
        }
        List<Item> items = new ArrayList<>(byKey.values());
        items.sort(Comparator.comparing((Item x) -> x.sample().systemKey()).thenComparing(x -> x.sample().id()));
        return items;
    }

    /** An error that just became known, at its position in the batch. */
    private record Error(int position, String systemKey, double error) {
    }

    private Map<String, Counts> storeOnce(Connection c, List<Item> items) throws SQLException {
        Set<String> inserted = insertNew(c, items);
        List<Error> errors = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>(); // accepted, updated, duplicates
        List<Item> fresh = new ArrayList<>();
        List<Item> known = new ArrayList<>();
        for (Item item : items) {
            if (inserted.contains(item.key())) {
                fresh.add(item);
                counts.computeIfAbsent(item.sample().systemKey(), k -> new int[3])[0]++;
                if (item.prediction() != null && item.outcome() != null) {
                    errors.add(new Error(item.position(), item.sample().systemKey(),
                            Sample.Value.error(item.prediction(), item.outcome())));
                }
            } else {
                known.add(item);
            }
        }
        int[] updated = updateKnown(c, known, errors);
        for (int i = 0; i < known.size(); i++) {
            counts.computeIfAbsent(known.get(i).sample().systemKey(), k -> new int[3])[updated[i] == 1 ? 1 : 2]++;
        }
        addFeatures(c, fresh);
        feedDetectors(c, errors);
        Map<String, Counts> result = new HashMap<>();
        counts.forEach((system, n) -> result.put(system, new Counts(n[0], n[1], n[2])));
        return result;
    }

    private Set<String> insertNew(Connection c, List<Item> items) throws SQLException {
        int n = items.size();
        Object[] systems = new Object[n], ids = new Object[n], observed = new Object[n], predictionNumbers = new Object[n];
        Object[] predictionLabels = new Object[n], outcomeNumbers = new Object[n], outcomeLabels = new Object[n];
        Object[] errors = new Object[n];
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            systems[i] = item.sample().systemKey();
            ids[i] = item.sample().id();
            observed[i] = item.sample().observedAt().toString();
            predictionNumbers[i] = number(item.prediction());
            predictionLabels[i] = label(item.prediction());
            outcomeNumbers[i] = number(item.outcome());
            outcomeLabels[i] = label(item.outcome());
            errors[i] = item.prediction() != null && item.outcome() != null
                    ? Sample.Value.error(item.prediction(), item.outcome()) : null;
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT_LEDGER)) {
            insert.setArray(1, c.createArrayOf("text", systems));
            insert.setArray(2, c.createArrayOf("text", ids));
            insert.setArray(3, c.createArrayOf("text", observed));
            insert.setArray(4, c.createArrayOf("float8", predictionNumbers));
            insert.setArray(5, c.createArrayOf("text", predictionLabels));
            insert.setArray(6, c.createArrayOf("float8", outcomeNumbers));
            insert.setArray(7, c.createArrayOf("text", outcomeLabels));
            insert.setArray(8, c.createArrayOf("float8", errors));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1) + '\u0000' + rs.getString(2));
                }
            }
        }
        return inserted;
    }

    /**
     * Fills the prediction or outcome that stored samples lack; collects the errors that became known. Returns, per
     * known item, 1 when it changed its sample and 0 when it was a duplicate.
     */
    private int[] updateKnown(Connection c, List<Item> known, List<Error> errors) throws SQLException {
        int[] changed = new int[known.size()];
        if (known.isEmpty()) {
            return changed;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < known.size(); i++) {
            index.put(known.get(i).key(), i);
        }
        List<Object[]> updates = new ArrayList<>();
        try (PreparedStatement lock = c.prepareStatement(LOCK_LEDGER)) {
            lock.setArray(1, c.createArrayOf("text", known.stream().map(x -> x.sample().systemKey()).toArray()));
            lock.setArray(2, c.createArrayOf("text", known.stream().map(x -> x.sample().id()).toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    int i = index.get(rs.getString(1) + '\u0000' + rs.getString(2));
                    Item item = known.get(i);
                    if (rs.getObject(7) != null) {
                        continue; // its error is known: nothing left to learn from this id
                    }
                    Sample.Value storedPrediction = value(rs, 3, 4);
                    Sample.Value storedOutcome = value(rs, 5, 6);
                    Sample.Value prediction = storedPrediction != null ? storedPrediction : item.prediction();
                    Sample.Value outcome = storedOutcome != null ? storedOutcome : item.outcome();
                    if (prediction == storedPrediction && outcome == storedOutcome) {
                        continue;
                    }
                    changed[i] = 1;
                    Double error = prediction != null && outcome != null ? Sample.Value.error(prediction, outcome) : null;
                    if (error != null) {
                        errors.add(new Error(item.position(), item.sample().systemKey(), error));
                    }
                    updates.add(new Object[] { item.sample().systemKey(), item.sample().id(), number(prediction),
                            label(prediction), number(outcome), label(outcome), error });
                }
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement update = c.prepareStatement(UPDATE_LEDGER)) {
                String[] types = { "text", "text", "float8", "text", "float8", "text", "float8" };
                for (int column = 0; column < types.length; column++) {
                    int k = column;
                    update.setArray(column + 1, c.createArrayOf(types[k], updates.stream().map(u -> u[k]).toArray()));
                }
                update.executeUpdate();
            }
        }
        return changed;
    }

    /** What a batch adds to one (system, feature, day) row. */
    private static final class DayDelta {
        long[] priorities = new long[16];
        double[] values = new double[16];
        int numbers;
        final Map<String, Long> labels = new LinkedHashMap<>();
        long labelled;

        void number(long priority, double value) {
            if (numbers == priorities.length) {
                priorities = Arrays.copyOf(priorities, 2 * numbers);
                values = Arrays.copyOf(values, 2 * numbers);
            }
            priorities[numbers] = priority;
            values[numbers++] = value;
        }

        void label(String label) {
            labels.merge(label, 1L, Long::sum);
            labelled++;
        }
    }

    private void addFeatures(Connection c, List<Item> fresh) throws SQLException {
        TreeMap<String, DayDelta> deltas = new TreeMap<>(); // key: system \0 feature \0 day, sorted like the lock order
        for (Item item : fresh) {
            Sample s = item.sample();
            String day = LocalDate.ofInstant(s.observedAt(), ZoneOffset.UTC).toString();
            for (Sample.Feature f : s.features()) {
                DayDelta delta = deltas.computeIfAbsent(s.systemKey() + '\u0000' + f.name() + '\u0000' + day,
                        k -> new DayDelta());
                if (f.numerical()) {
                    delta.number(SampleHash.priority(s.systemKey(), s.id(), f.name()), f.number());
                } else {
                    delta.label(f.label());
                }
            }
        }
        if (deltas.isEmpty()) {
            return;
        }
        Object[][] keys = { new Object[deltas.size()], new Object[deltas.size()], new Object[deltas.size()] };
        int k = 0;
        for (String key : deltas.keySet()) {
            String[] parts = key.split("\u0000", 3);
            keys[0][k] = parts[0];
            keys[1][k] = parts[1];
            keys[2][k++] = parts[2];
        }
        try (PreparedStatement create = c.prepareStatement(CREATE_DAYS)) {
            for (int p = 0; p < 3; p++) {
                create.setArray(p + 1, c.createArrayOf("text", keys[p]));
            }
            create.executeUpdate();
        }
        try (PreparedStatement lock = c.prepareStatement(LOCK_DAYS);
                PreparedStatement save = c.prepareStatement(SAVE_DAY);
                PreparedStatement saveCounts = c.prepareStatement(SAVE_DAY_COUNTS)) {
            for (int p = 0; p < 3; p++) {
                lock.setArray(p + 1, c.createArrayOf("text", keys[p]));
            }
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    String system = rs.getString(1);
                    String feature = rs.getString(2);
                    String day = rs.getString(3);
                    DayDelta delta = deltas.get(system + '\u0000' + feature + '\u0000' + day);
                    BottomKSample sample = BottomKSample.decode(config.reservoirSize(), rs.getLong(4), rs.getBytes(5));
                    boolean changed = sample.offerAll(delta.priorities, delta.values, delta.numbers);
                    CategoryTally tally = CategoryTally.of(config.maxCategories(), counts(rs.getString(7)));
                    delta.labels.forEach(tally::add);
                    PreparedStatement statement = changed ? save : saveCounts;
                    int p = 1;
                    statement.setLong(p++, sample.seen());
                    if (changed) {
                        statement.setBytes(p++, sample.encode());
                    }
                    statement.setLong(p++, rs.getLong(6) + delta.labelled);
                    statement.setString(p++, json(tally.counts()));
                    statement.setString(p++, system);
                    statement.setString(p++, feature);
                    statement.setString(p, day);
                    statement.addBatch();
                }
            }
            save.executeBatch();
            saveCounts.executeBatch();
        }
    }

    private void feedDetectors(Connection c, List<Error> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        errors.sort(Comparator.comparingInt(Error::position));
        Map<String, List<Double>> bySystem = new TreeMap<>();
        for (Error e : errors) {
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

    private Map<String, Long> counts(String json) {
        try {
            return mapper.readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored category counts are unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sample.Value value(ResultSet rs, int numberColumn, int labelColumn) throws SQLException {
        double number = rs.getDouble(numberColumn);
        if (!rs.wasNull()) {
            return new Sample.Value(number, null);
        }
        String label = rs.getString(labelColumn);
        return label == null ? null : new Sample.Value(null, label);
    }

    private static Double number(Sample.Value v) {
        return v == null ? null : v.number();
    }

    private static String label(Sample.Value v) {
        return v == null ? null : v.label();
    }
}
