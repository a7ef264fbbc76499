package io.refinery.metrics.performance.estimation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CSV written by {@code reference/performance/cbpe-reference.py}: score, predicted (0/1), label (0/1).
 * {@link #REFERENCE}: 2,000 labelled rows with overconfident scores (every 10th reported to 2 decimals, so ties);
 * {@link #ANALYSIS}: 600 rows of a period whose latent moved.
 */
record CbpeData(double[] scores, boolean[] predicted, boolean[] labels) {

    static final CbpeData REFERENCE = load("cbpe-reference.csv");
    static final CbpeData ANALYSIS = load("cbpe-analysis.csv");

    int size() {
        return scores.length;
    }

    /** Rows [from, to). */
    CbpeData slice(int from, int to) {
        return new CbpeData(java.util.Arrays.copyOfRange(scores, from, to),
                java.util.Arrays.copyOfRange(predicted, from, to), java.util.Arrays.copyOfRange(labels, from, to));
    }

    static CbpeData load(String file) {
        try (InputStream in = CbpeData.class.getResourceAsStream("/reference/performance/" + file)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            int n = lines.size();
            double[] scores = new double[n];
            boolean[] predicted = new boolean[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                String[] cells = lines.get(i).split(",");
                scores[i] = Double.parseDouble(cells[0]);
                predicted[i] = cells[1].equals("1");
                labels[i] = cells[2].equals("1");
            }
            return new CbpeData(scores, predicted, labels);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
