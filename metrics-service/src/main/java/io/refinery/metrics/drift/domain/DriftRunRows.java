package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.sampling.BottomKSample;
import io.refinery.metrics.drift.sampling.JointRows;

/**
 * The JDBC side of a drift run, inside the evaluating transaction: reading the stored feature days of a window, and
 * writing the run and its features' latest scores.
 */
final class DriftRunRows {

    private static final String DAYS = "select feature, seen, reservoir, labelled, categories"
            + " from metrics.drift_feature_days where system_key = ? and feature = any(?) and day >= ?::date"
            + " and day < ?::date order by feature, day";
    private static final String INSERT_RUN = "insert into metrics.drift_runs (id, monitor_id, system_key, trigger,"
            + " evaluated_at, current_from, current_to, reference_from, reference_to, features_evaluated,"
            + " features_drifted, drifted_share, dataset_drift, features, detection_id, recommendation, multivariate)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ROW_DAYS = "select feature, day, seen, row_reservoir from metrics.drift_feature_days"
            + " where system_key = ? and feature = any(?) and day >= ?::date and day < ?::date order by day, feature";
    private static final String SAVE_SCORES = """
            insert into metrics.drift_scores (system_key, feature, method, statistic, run_id, evaluated_at)
            select ?, u.f, u.m, u.s, ?, ? from unnest(?::text[], ?::text[], ?::float8[]) as u(f, m, s)
            on conflict (system_key, feature) do update set method = excluded.method, statistic = excluded.statistic,
              run_id = excluded.run_id, evaluated_at = excluded.evaluated_at
            """;
    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final int reservoirSize;
    private final int rowSampleSize;

    DriftRunRows(ObjectMapper mapper, int reservoirSize, int rowSampleSize) {
        this.mapper = mapper;
        this.reservoirSize = reservoirSize;
        this.rowSampleSize = rowSampleSize;
    }

    /** The stored days [{@code from}, {@code to}) of each of {@code features} that has any. */
    Map<String, FeatureComparison.Days> days(Connection c, String systemKey, List<String> features, LocalDate from,
            LocalDate to) throws SQLException {
        Map<String, List<BottomKSample>> samples = new HashMap<>();
        Map<String, List<Map<String, Long>>> categories = new HashMap<>();
        Map<String, Long> labelled = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(DAYS)) {
            q.setString(1, systemKey);
            q.setArray(2, c.createArrayOf("text", features.toArray()));
            q.setString(3, from.toString());
            q.setString(4, to.toString());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String feature = rs.getString(1);
                    samples.computeIfAbsent(feature, k -> new ArrayList<>())
                            .add(BottomKSample.decode(reservoirSize, rs.getLong(2), rs.getBytes(3)));
                    labelled.merge(feature, rs.getLong(4), Long::sum);
                    categories.computeIfAbsent(feature, k -> new ArrayList<>()).add(counts(rs.getString(5)));
                }
            }
        }
        Map<String, FeatureComparison.Days> days = new HashMap<>();
        samples.forEach((feature, list) -> days.put(feature,
                new FeatureComparison.Days(list, categories.get(feature), labelled.get(feature))));
        return days;
    }

    /**
     * The joint rows of {@code features} (values in that order) over the days [{@code from}, {@code to}), joined per
     * day from the row-aligned samples; a day lacking one of the features gives none.
     */
    List<double[]> rows(Connection c, String systemKey, List<String> features, LocalDate from, LocalDate to)
            throws SQLException {
        Map<LocalDate, Map<String, BottomKSample>> days = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement(ROW_DAYS)) {
            q.setString(1, systemKey);
            q.setArray(2, c.createArrayOf("text", features.toArray()));
            q.setString(3, from.toString());
            q.setString(4, to.toString());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getObject(2, LocalDate.class), k -> new HashMap<>()).put(rs.getString(1),
                            BottomKSample.decode(rowSampleSize, rs.getLong(3), rs.getBytes(4)));
                }
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (Map<String, BottomKSample> day : days.values()) {
            if (day.size() == features.size()) {
                rows.addAll(List.of(JointRows.join(features.stream().map(day::get).toList())));
            }
        }
        return rows;
    }

    static void insert(Connection c, DriftRun run) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_RUN)) {
            int p = 1;
            insert.setObject(p++, run.id);
            insert.setObject(p++, run.monitorId);
            insert.setString(p++, run.systemKey);
            insert.setString(p++, run.trigger.name());
            for (Instant at : new Instant[] { run.evaluatedAt, run.currentFrom, run.currentTo, run.referenceFrom,
                    run.referenceTo }) {
                insert.setObject(p++, at.atOffset(ZoneOffset.UTC));
            }
            insert.setInt(p++, run.featuresEvaluated);
            insert.setInt(p++, run.featuresDrifted);
            insert.setObject(p++, run.driftedShare, Types.DOUBLE);
            insert.setBoolean(p++, run.datasetDrift);
            insert.setString(p++, run.features);
            insert.setObject(p++, run.detectionId);
            insert.setString(p++, run.recommendation);
            insert.setString(p, run.multivariate);
            insert.executeUpdate();
        }
    }

    /** Keeps each evaluated feature's latest score (for the gauge). */
    static void saveScores(Connection c, DriftRun run, List<FeatureResult> results) throws SQLException {
        List<FeatureResult> evaluated = results.stream().filter(FeatureResult::evaluated).toList();
        if (evaluated.isEmpty()) {
            return;
        }
        try (PreparedStatement save = c.prepareStatement(SAVE_SCORES)) {
            save.setString(1, run.systemKey);
            save.setObject(2, run.id);
            save.setObject(3, run.evaluatedAt.atOffset(ZoneOffset.UTC));
            save.setArray(4, c.createArrayOf("text", evaluated.stream().map(FeatureResult::feature).toArray()));
            save.setArray(5, c.createArrayOf("text", evaluated.stream().map(r -> r.method().name()).toArray()));
            save.setArray(6, c.createArrayOf("float8", evaluated.stream().map(FeatureResult::statistic).toArray()));
            save.executeUpdate();
        }
    }

    private Map<String, Long> counts(String json) {
        try {
            return mapper.readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored category counts are unreadable", e);
        }
    }
}
