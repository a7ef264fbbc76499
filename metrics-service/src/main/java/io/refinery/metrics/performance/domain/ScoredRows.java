package io.refinery.metrics.performance.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

/**
 * One system's scored predictions in a time range, read from the sample ledger: the score (the model's confidence in
 * the positive class, {@code prediction} in [0, 1]) and the outcome once known. Samples without a score in [0, 1] are
 * not predictions of a binary classifier and are left out.
 *
 * @param scores the scores
 * @param outcomes per row 1 (positive), 0 (negative) or -1 (no outcome yet)
 */
record ScoredRows(double[] scores, byte[] outcomes) {

    private static final String SELECT = """
            select prediction_number, outcome_number, outcome_label from metrics.drift_samples
            where system_key = ? and observed_at >= ? and observed_at < ? and prediction_number between 0 and 1
            """;
    private static final int FETCH = 10_000;

    static ScoredRows read(Connection c, EstimatorSettings settings, Instant from, Instant to) throws SQLException {
        double[] scores = new double[1024];
        byte[] outcomes = new byte[1024];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, settings.systemKey());
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == scores.length) {
                        scores = Arrays.copyOf(scores, n * 2);
                        outcomes = Arrays.copyOf(outcomes, n * 2);
                    }
                    scores[n] = rs.getDouble(1);
                    double number = rs.getDouble(2);
                    Boolean positive = settings.outcome(rs.wasNull() ? null : number, rs.getString(3));
                    outcomes[n] = positive == null ? (byte) -1 : positive ? (byte) 1 : (byte) 0;
                    n++;
                }
            }
        }
        return new ScoredRows(Arrays.copyOf(scores, n), Arrays.copyOf(outcomes, n));
    }

    int size() {
        return scores.length;
    }

    long labelled() {
        long labelled = 0;
        for (byte o : outcomes) {
            if (o >= 0) {
                labelled++;
            }
        }
        return labelled;
    }

    /** The labelled rows only. */
    ScoredRows labelledOnly() {
        int n = (int) labelled();
        double[] s = new double[n];
        byte[] o = new byte[n];
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if (outcomes[i] >= 0) {
                s[j] = scores[i];
                o[j++] = outcomes[i];
            }
        }
        return new ScoredRows(s, o);
    }

    /** Predicted positive: the score at or above the threshold. */
    boolean[] predicted(double threshold) {
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i] >= threshold;
        }
        return predicted;
    }

    /** The outcomes as booleans; only for labelled rows. */
    boolean[] labels() {
        boolean[] labels = new boolean[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] < 0) {
                throw new IllegalStateException("row " + i + " has no outcome");
            }
            labels[i] = outcomes[i] == 1;
        }
        return labels;
    }
}
