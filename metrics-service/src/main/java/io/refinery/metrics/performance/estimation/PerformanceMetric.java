package io.refinery.metrics.performance.estimation;

import java.util.Locale;
import java.util.Optional;

/**
 * The binary-classification metrics CBPE estimates, each named by the lower-case key NannyML uses for it
 * ({@code "accuracy"}, {@code "precision"}, {@code "recall"}, {@code "specificity"}, {@code "f1"}, {@code "roc_auc"}).
 */
public enum PerformanceMetric {
    ACCURACY,
    PRECISION,
    RECALL,
    SPECIFICITY,
    F1,
    ROC_AUC;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lower-case snake name, e.g. {@code "roc_auc"}. */
    public String key() {
        return key;
    }

    /** The metric whose {@link #key()} is exactly {@code key}; empty for anything else, including null. */
    public static Optional<PerformanceMetric> fromKey(String key) {
        for (PerformanceMetric metric : values()) {
            if (metric.key.equals(key)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
