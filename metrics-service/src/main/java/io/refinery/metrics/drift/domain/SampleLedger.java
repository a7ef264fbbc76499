package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sample ledger ({@code metrics.drift_samples}) inside the storing transaction: one row per new (system, id); an id
 * seen before only fills a prediction or outcome it lacked, and its error is set once, when both become known.
 */
final class SampleLedger {

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

    private SampleLedger() {
    }

    /** Inserts the items whose id is new; returns their keys ({@link SampleBatch.Item#key()}). */
    static Set<String> insertNew(Connection c, List<SampleBatch.Item> items) throws SQLException {
        int n = items.size();
        Object[] systems = new Object[n], ids = new Object[n], observed = new Object[n], predictionNumbers = new Object[n];
        Object[] predictionLabels = new Object[n], outcomeNumbers = new Object[n], outcomeLabels = new Object[n];
        Object[] errors = new Object[n];
        for (int i = 0; i < n; i++) {
            SampleBatch.Item item = items.get(i);
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
    static int[] updateKnown(Connection c, List<SampleBatch.Item> known, List<SampleBatch.Error> errors) throws SQLException {
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
                    SampleBatch.Item item = known.get(i);
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
                        errors.add(new SampleBatch.Error(item.position(), item.sample().systemKey(), error));
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
