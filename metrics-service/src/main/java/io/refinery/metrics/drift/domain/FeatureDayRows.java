package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.sampling.BottomKSample;
import io.refinery.metrics.drift.sampling.CategoryTally;
import io.refinery.metrics.drift.sampling.SampleHash;

/**
 * The features of new samples added to their (system, feature, UTC day) rows of {@code metrics.drift_feature_days},
 * inside the storing transaction: numbers into the bounded bottom-k sample and into the row-aligned one (sampled by
 * the sample's priority alone, so multivariate checks can join a day's features into rows), strings and booleans into
 * the capped category counts. Rows are created if missing, then locked in key order.
 */
final class FeatureDayRows {

    private static final String CREATE_DAYS = """
            insert into metrics.drift_feature_days (system_key, feature, day, seen, reservoir, labelled, categories,
                                                    updated_at)
            select u.s, u.f, u.d::date, 0, ''::bytea, 0, '{}', now() from unnest(?::text[], ?::text[], ?::text[]) as u(s, f, d)
            on conflict do nothing
            """;
    private static final String LOCK_DAYS = """
            select system_key, feature, day::text, seen, reservoir, labelled, categories, row_reservoir
            from metrics.drift_feature_days
            where (system_key, feature, day) in (select u.s, u.f, u.d::date from unnest(?::text[], ?::text[], ?::text[]) as u(s, f, d))
            order by system_key, feature, day for update
            """;
    private static final String SAVE_DAY = "update metrics.drift_feature_days set seen = ?, reservoir = ?,"
            + " row_reservoir = ?, labelled = ?, categories = ?, updated_at = now()"
            + " where system_key = ? and feature = ? and day = ?::date";
    private static final String SAVE_DAY_COUNTS = "update metrics.drift_feature_days set seen = ?, labelled = ?,"
            + " categories = ?, updated_at = now() where system_key = ? and feature = ? and day = ?::date";
    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final DriftConfig config;
    private final ObjectMapper mapper;

    FeatureDayRows(DriftConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    /** What a batch adds to one (system, feature, day) row. */
    private static final class DayDelta {
        long[] priorities = new long[16];
        long[] rowPriorities = new long[16];
        double[] values = new double[16];
        int numbers;
        final Map<String, Long> labels = new LinkedHashMap<>();
        long labelled;

        void number(long priority, long rowPriority, double value) {
            if (numbers == priorities.length) {
                priorities = Arrays.copyOf(priorities, 2 * numbers);
                rowPriorities = Arrays.copyOf(rowPriorities, 2 * numbers);
                values = Arrays.copyOf(values, 2 * numbers);
            }
            priorities[numbers] = priority;
            rowPriorities[numbers] = rowPriority;
            values[numbers++] = value;
        }

        void label(String label) {
            labels.merge(label, 1L, Long::sum);
            labelled++;
        }
    }

    void add(Connection c, List<SampleBatch.Item> fresh) throws SQLException {
        TreeMap<String, DayDelta> deltas = new TreeMap<>(); // key: system \0 feature \0 day, sorted like the lock order
        for (SampleBatch.Item item : fresh) {
            Sample s = item.sample();
            String day = LocalDate.ofInstant(s.observedAt(), ZoneOffset.UTC).toString();
            long rowPriority = SampleHash.rowPriority(s.systemKey(), s.id());
            for (Sample.Feature f : s.features()) {
                DayDelta delta = deltas.computeIfAbsent(s.systemKey() + '\u0000' + f.name() + '\u0000' + day,
                        k -> new DayDelta());
                if (f.numerical()) {
                    delta.number(SampleHash.priority(s.systemKey(), s.id(), f.name()), rowPriority, f.number());
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
                    BottomKSample rows = BottomKSample.decode(config.rowSampleSize(), rs.getLong(4), rs.getBytes(8));
                    changed |= rows.offerAll(delta.rowPriorities, delta.values, delta.numbers);
                    CategoryTally tally = CategoryTally.of(config.maxCategories(), counts(rs.getString(7)));
                    delta.labels.forEach(tally::add);
                    PreparedStatement statement = changed ? save : saveCounts;
                    int p = 1;
                    statement.setLong(p++, sample.seen());
                    if (changed) {
                        statement.setBytes(p++, sample.encode());
                        statement.setBytes(p++, rows.encode());
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
}
