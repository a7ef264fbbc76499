package io.refinery.metrics.drift.api;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.stats.DomainClassifierDrift;
import io.refinery.metrics.drift.stats.DriftInputException;
import io.refinery.metrics.drift.stats.ReconstructionDrift;

/**
 * Body of {@code POST /api/v1/drift/multivariate}: rows of several numerical features, one value per feature in the
 * order of {@code features}, for a reference period and for each period to check.
 */
@Schema(name = "MultivariateDriftRequest")
public record MultivariateDriftRequest(
        @Schema(description = "Feature names, 2 to 100", example = "[\"basket_value\", \"items\", \"discount\"]")
        List<String> features,
        @Schema(description = "Rows of the reference period (at least two chunks of referenceChunkSize rows)")
        List<List<Double>> reference,
        @Schema(description = "Rows per reference chunk; the chunks' errors set the band (default: a tenth of the "
                + "reference, at least 2)", example = "500") Integer referenceChunkSize,
        @Schema(description = "The periods to check, each with its rows") List<ChunkInput> chunks,
        @Schema(description = "Share of variance the kept components explain (default 0.65)", example = "0.65")
        Double varianceToKeep,
        @Schema(description = "Domain classifier: cross-validation folds (default 5)", example = "5") Integer classifierFolds,
        @Schema(description = "Domain classifier: ridge on the standardised coefficients (default 0.001)", example = "0.001")
        Double classifierRidge,
        @Schema(description = "Domain classifier: AUROC at or above which a period has drifted (default 0.6)",
                example = "0.6") Double classifierThreshold) {

    public static final int MAX_FEATURES = 100;
    public static final int MAX_VALUES = 1_000_000;

    /** One period to check. */
    @Schema(name = "MultivariateDriftChunk")
    public record ChunkInput(@Schema(example = "2026-12-01") String label, List<List<Double>> rows) {
    }

    /** The engine's input; throws {@link DriftInputException} naming the field at fault. */
    ReconstructionDriftInput checked() {
        if (features == null || features.size() < 2 || features.size() > MAX_FEATURES
                || features.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new DriftInputException("features", "needs 2 to " + MAX_FEATURES + " named features");
        }
        int p = features.size();
        long values = 0;
        double[][] ref = rows(reference, p, DriftInputException.REFERENCE);
        values += (long) ref.length * p;
        if (chunks == null || chunks.isEmpty()) {
            throw new DriftInputException("chunks", "needs at least one period to check");
        }
        List<ReconstructionDrift.Chunk> read = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ChunkInput c = chunks.get(i);
            if (c == null) {
                throw new DriftInputException("chunks[" + i + "]", "is required");
            }
            double[][] rows = rows(c.rows(), p, "chunks[" + i + "].rows");
            values += (long) rows.length * p;
            read.add(new ReconstructionDrift.Chunk(c.label() == null ? "chunk-" + (i + 1) : c.label(), rows));
        }
        if (values > MAX_VALUES) {
            throw new DriftInputException(DriftInputException.REFERENCE, "at most " + MAX_VALUES
                    + " values in all (rows × features); sample the periods first");
        }
        int chunkSize = referenceChunkSize != null ? referenceChunkSize : Math.max(2, ref.length / 10);
        return new ReconstructionDriftInput(List.copyOf(features), ref, chunkSize, read,
                varianceToKeep == null ? ReconstructionDrift.DEFAULT_VARIANCE_TO_KEEP : varianceToKeep,
                classifierFolds == null ? DomainClassifierDrift.DEFAULT_FOLDS : classifierFolds,
                classifierRidge == null ? DomainClassifierDrift.DEFAULT_RIDGE : classifierRidge,
                classifierThreshold == null ? DomainClassifierDrift.DEFAULT_THRESHOLD : classifierThreshold);
    }

    /** What {@link ReconstructionDrift#compute} and {@link DomainClassifierDrift#compute} take. */
    record ReconstructionDriftInput(List<String> features, double[][] reference, int referenceChunkSize,
            List<ReconstructionDrift.Chunk> chunks, double varianceToKeep, int folds, double ridge, double threshold) {
    }

    private static double[][] rows(List<List<Double>> rows, int p, String field) {
        if (rows == null || rows.isEmpty()) {
            throw new DriftInputException(field, "needs rows, one value per feature");
        }
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            List<Double> row = rows.get(r);
            if (row == null || row.size() != p) {
                throw new DriftInputException(field + "[" + r + "]", "needs one value per feature (" + p + ")");
            }
            out[r] = new double[p];
            for (int j = 0; j < p; j++) {
                Double v = row.get(j);
                if (v == null || !Double.isFinite(v)) {
                    throw new DriftInputException(field + "[" + r + "][" + j + "]", "must be a finite number");
                }
                out[r][j] = v;
            }
        }
        return out;
    }
}
