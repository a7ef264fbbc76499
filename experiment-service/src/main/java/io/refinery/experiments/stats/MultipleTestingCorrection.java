package io.refinery.experiments.stats;

/**
 * How p-values of several treatments against one control are adjusted (see {@link PValueAdjustment}).
 *
 * <ul>
 *   <li>{@link #NONE}: adjusted = raw; each comparison at its own level.</li>
 *   <li>{@link #HOLM}: Holm's step-down procedure; controls the family-wise error rate (the chance of any false
 *       positive) at alpha, uniformly more powerful than Bonferroni.</li>
 *   <li>{@link #BENJAMINI_HOCHBERG}: the Benjamini–Hochberg step-up procedure; controls the false discovery rate
 *       (the expected share of false positives among the significant) at alpha, for independent or positively
 *       dependent tests.</li>
 * </ul>
 */
public enum MultipleTestingCorrection {
    NONE,
    HOLM,
    BENJAMINI_HOCHBERG
}
