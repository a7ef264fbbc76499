package io.refinery.metrics.drift.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Multivariate drift by data reconstruction, as NannyML's {@code DataReconstructionDriftCalculator} does it: what a
 * principal-component model of the reference can no longer rebuild has changed, even when every feature's own
 * distribution looks the same (a broken correlation).
 * <ol>
 *   <li>Each feature is standardised with the reference's mean and population standard deviation (scikit-learn's
 *       {@code StandardScaler});</li>
 *   <li>PCA on the standardised reference keeps the fewest components whose explained variance reaches
 *       {@code varianceToKeep} (0.65 by default, scikit-learn's {@code PCA(n_components=0.65)} rule);</li>
 *   <li>a chunk's reconstruction error is the mean over its rows of the Euclidean distance between the standardised
 *       row and its projection back from the kept components;</li>
 *   <li>the band is the mean of the reference chunks' errors ± 3 of their (population) standard deviations; a chunk
 *       above the upper bound (or below the lower one) has drifted.</li>
 * </ol>
 * Attribution: per feature, the chunk's mean squared reconstruction error against the reference's (what the model
 * fails to rebuild, feature by feature) and the standardised mean shift |mean − reference mean| / reference sd.
 * Reference values: numpy 1.24.2 (SVD of the standardised reference, the same rules) in the tests. Pure.
 */
public final class ReconstructionDrift {

    public static final double DEFAULT_VARIANCE_TO_KEEP = 0.65;
    static final double BAND_WIDTH = 3;

    private ReconstructionDrift() {
    }

    /** A labelled block of rows (a period). */
    public record Chunk(String label, double[][] rows) {
    }

    /**
     * One chunk's reading.
     *
     * @param error mean reconstruction error per row
     * @param drifted outside the band
     * @param features per feature: the attribution
     */
    public record ChunkResult(String label, int rows, double error, boolean drifted, List<FeatureShift> features) {
    }

    /**
     * @param errorRatio the chunk's mean squared reconstruction error on the feature over the reference's; null when
     *     the reference rebuilds the feature exactly (every component kept)
     * @param squaredError the chunk's mean squared reconstruction error on the feature (standardised units)
     * @param meanShift |chunk mean − reference mean| / reference standard deviation
     */
    public record FeatureShift(String feature, double squaredError, Double errorRatio, double meanShift) {
    }

    /**
     * @param components principal components kept
     * @param explainedVarianceRatio of every component, largest first
     * @param referenceChunks the reference's own chunks and their errors, which set the band
     */
    public record Result(List<String> features, int components, double[] explainedVarianceRatio, double bandMean,
            double lower, double upper, List<ChunkResult> referenceChunks, List<ChunkResult> chunks) {
    }

    /**
     * @param reference rows of the reference period, one value per feature, all finite
     * @param referenceChunkSize rows per reference chunk (at least 2 chunks are needed for a band)
     */
    public static Result compute(List<String> features, double[][] reference, int referenceChunkSize, List<Chunk> chunks,
            double varianceToKeep) {
        int p = features.size();
        check(features, reference, referenceChunkSize, chunks, varianceToKeep);
        int n = reference.length;
        ReferenceScaler scaler = ReferenceScaler.fit(features, reference);
        // Covariance of the standardised reference (its mean is 0 by construction), divided by n − 1 as PCA does.
        double[][] cov = new double[p][p];
        double[] z = new double[p];
        for (double[] row : reference) {
            scaler.standardise(row, z);
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    cov[a][b] += z[a] * z[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, false));
        // Largest eigenvalue first, whatever order the decomposition returns them in.
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        double[] raw = eigen.getEigenvalues();
        Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
        double[] values = new double[p];
        for (int i = 0; i < p; i++) {
            values[i] = raw[order[i]];
        }
        double total = Arrays.stream(values).map(v -> Math.max(v, 0)).sum();
        double[] ratio = new double[p];
        int k = 0;
        double cumulative = 0;
        for (int i = 0; i < p; i++) {
            ratio[i] = Math.max(values[i], 0) / total;
        }
        while (k < p) {
            cumulative += ratio[k];
            k++;
            if (cumulative > varianceToKeep) {
                break;
            }
        }
        double[][] w = new double[k][];
        for (int c = 0; c < k; c++) {
            w[c] = eigen.getEigenvector(order[c]).toArray();
        }
        Model model = new Model(scaler, w);
        double[] referenceError = model.squaredErrors(reference);
        List<ChunkResult> referenceChunks = new ArrayList<>();
        for (int start = 0, i = 1; start + referenceChunkSize <= n; start += referenceChunkSize, i++) {
            double[][] rows = Arrays.copyOfRange(reference, start, start + referenceChunkSize);
            referenceChunks.add(model.read("reference-" + i, rows, features, referenceError, Double.NaN, Double.NaN));
        }
        double bandMean = referenceChunks.stream().mapToDouble(ChunkResult::error).average().orElseThrow();
        double spread = Math.sqrt(referenceChunks.stream().mapToDouble(c -> (c.error() - bandMean) * (c.error() - bandMean))
                .sum() / referenceChunks.size());
        double lower = Math.max(0, bandMean - BAND_WIDTH * spread);
        double upper = bandMean + BAND_WIDTH * spread;
        List<ChunkResult> read = new ArrayList<>();
        for (Chunk c : chunks) {
            read.add(model.read(c.label(), c.rows(), features, referenceError, lower, upper));
        }
        return new Result(List.copyOf(features), k, ratio, bandMean, lower, upper, referenceChunks, read);
    }

    /** The scaler and the kept components. */
    private record Model(ReferenceScaler scaler, double[][] components) {

        /** Per feature, the mean squared reconstruction error over the rows. */
        double[] squaredErrors(double[][] rows) {
            double[] sum = new double[scaler.mean().length];
            double[] residual = new double[sum.length];
            for (double[] row : rows) {
                residual(row, residual);
                for (int j = 0; j < residual.length; j++) {
                    sum[j] += residual[j] * residual[j];
                }
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] /= rows.length;
            }
            return sum;
        }

        /** The standardised row minus its reconstruction from the kept components. */
        void residual(double[] row, double[] into) {
            int p = row.length;
            double[] z = new double[p];
            scaler.standardise(row, z);
            System.arraycopy(z, 0, into, 0, p);
            for (double[] c : components) {
                double score = 0;
                for (int j = 0; j < p; j++) {
                    score += z[j] * c[j];
                }
                for (int j = 0; j < p; j++) {
                    into[j] -= score * c[j];
                }
            }
        }

        ChunkResult read(String label, double[][] rows, List<String> features, double[] referenceError, double lower,
                double upper) {
            int p = scaler.mean().length;
            double[] residual = new double[p];
            double[] squared = new double[p];
            double[] sums = new double[p];
            double error = 0;
            for (double[] row : rows) {
                residual(row, residual);
                double norm = 0;
                for (int j = 0; j < p; j++) {
                    norm += residual[j] * residual[j];
                    squared[j] += residual[j] * residual[j];
                    sums[j] += row[j];
                }
                error += Math.sqrt(norm);
            }
            error /= rows.length;
            List<FeatureShift> shifts = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                double se = squared[j] / rows.length;
                shifts.add(new FeatureShift(features.get(j), se, referenceError[j] > 1e-300 ? se / referenceError[j] : null,
                        Math.abs(sums[j] / rows.length - scaler.mean()[j]) / scaler.sd()[j]));
            }
            boolean drifted = !Double.isNaN(upper) && (error > upper || error < lower);
            return new ChunkResult(label, rows.length, error, drifted, shifts);
        }
    }

    private static void check(List<String> features, double[][] reference, int chunkSize, List<Chunk> chunks,
            double varianceToKeep) {
        int p = features.size();
        if (p < 2) {
            throw new DriftInputException("features", "needs at least two features: one feature is a univariate test");
        }
        if (!(varianceToKeep > 0 && varianceToKeep < 1)) {
            throw new DriftInputException("varianceToKeep", "must be strictly between 0 and 1");
        }
        if (chunkSize < 2) {
            throw new DriftInputException("referenceChunkSize", "must be at least 2");
        }
        if (reference == null || reference.length < 2 * chunkSize || reference.length <= p) {
            throw new DriftInputException(DriftInputException.REFERENCE, "needs at least two chunks of "
                    + "referenceChunkSize rows and more rows than features");
        }
        rows(reference, p, DriftInputException.REFERENCE);
        if (chunks == null || chunks.isEmpty()) {
            throw new DriftInputException("chunks", "needs at least one chunk to compare");
        }
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            if (c == null || c.rows() == null || c.rows().length == 0) {
                throw new DriftInputException("chunks[" + i + "].rows", "needs at least one row");
            }
            rows(c.rows(), p, "chunks[" + i + "].rows");
        }
    }

    private static void rows(double[][] rows, int p, String field) {
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != p) {
                throw new DriftInputException(field + "[" + r + "]", "needs one value per feature (" + p + ")");
            }
            for (double v : rows[r]) {
                if (!Double.isFinite(v)) {
                    throw new DriftInputException(field + "[" + r + "]", "values must be finite numbers");
                }
            }
        }
    }
}
