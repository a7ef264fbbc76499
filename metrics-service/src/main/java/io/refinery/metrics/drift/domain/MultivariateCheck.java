package io.refinery.metrics.drift.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.drift.stats.DomainClassifierDrift;
import io.refinery.metrics.drift.stats.ReconstructionDrift;

/**
 * A monitor run's multivariate checks on the joint rows of its numerical features (stored in the run as JSON): data
 * reconstruction (the current window's mean PCA reconstruction error against the band of the reference's chunks of the
 * same size) and the domain classifier (out-of-fold AUROC of telling current rows from reference rows), with per
 * feature what moved. {@code skipped} says why they did not run (too few complete rows); then nothing else is set.
 */
@RegisterForReflection
public record MultivariateCheck(List<String> features, int referenceRows, int currentRows, String skipped,
        Double reconstructionError, Double lower, Double upper, Integer components, Boolean reconstructionDrifted,
        Double auroc, Boolean classifierDrifted, List<FeatureMove> moves, boolean drifted) {

    /**
     * One feature: its reconstruction error over the reference's and by how much it rose (what a broken structure
     * points at: the ratio alone overstates a feature the reference rebuilds almost exactly), its standardised mean
     * shift, its share of the classifier's coefficients and its own AUROC.
     */
    @RegisterForReflection
    public record FeatureMove(String feature, Double errorRatio, Double errorIncrease, double meanShift,
            double coefficientShare, double auroc) {
    }

    static MultivariateCheck skipped(List<String> features, int referenceRows, int currentRows, String why) {
        return new MultivariateCheck(features, referenceRows, currentRows, why, null, null, null, null, null, null, null,
                List.of(), false);
    }

    static MultivariateCheck of(List<String> features, int referenceRows, int currentRows,
            ReconstructionDrift.Result reconstruction, DomainClassifierDrift.Result classifier) {
        ReconstructionDrift.ChunkResult current = reconstruction.chunks().get(0);
        Map<String, DomainClassifierDrift.FeatureAttribution> attributions = classifier.features().stream()
                .collect(Collectors.toMap(DomainClassifierDrift.FeatureAttribution::feature, Function.identity()));
        List<FeatureMove> moves = new ArrayList<>();
        for (ReconstructionDrift.FeatureShift shift : current.features()) {
            DomainClassifierDrift.FeatureAttribution a = attributions.get(shift.feature());
            Double increase = shift.errorRatio() == null ? null
                    : shift.squaredError() - shift.squaredError() / shift.errorRatio();
            moves.add(new FeatureMove(shift.feature(), shift.errorRatio(), increase, shift.meanShift(), a.share(),
                    a.auroc()));
        }
        return new MultivariateCheck(features, referenceRows, currentRows, null, current.error(), reconstruction.lower(),
                reconstruction.upper(), reconstruction.components(), current.drifted(), classifier.auroc(),
                classifier.drifted(), moves, current.drifted() || classifier.drifted());
    }

    /** A sentence for the detection's reasons. */
    String reason() {
        List<String> parts = new ArrayList<>();
        if (Boolean.TRUE.equals(reconstructionDrifted)) {
            parts.add(String.format(Locale.ROOT, "reconstruction error %.4f outside the reference band [%.4f, %.4f]",
                    reconstructionError, lower, upper));
        }
        if (Boolean.TRUE.equals(classifierDrifted)) {
            parts.add(String.format(Locale.ROOT, "a classifier tells current rows from reference rows (AUROC %.3f)",
                    auroc));
        }
        double top = moves.stream().filter(m -> m.errorIncrease() != null).mapToDouble(FeatureMove::errorIncrease)
                .max().orElse(0);
        List<String> moved = top <= 0 ? List.of() : moves.stream()
                .filter(m -> m.errorIncrease() != null && m.errorIncrease() >= top / 2).map(FeatureMove::feature).toList();
        return "multivariate drift across " + String.join(", ", features) + ": " + String.join("; ", parts)
                + (moved.isEmpty() ? "" : "; the structure moved around " + String.join(", ", moved));
    }
}
