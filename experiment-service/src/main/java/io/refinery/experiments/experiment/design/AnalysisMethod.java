package io.refinery.experiments.experiment.design;

import io.refinery.experiments.stats.InferenceMethod;

/**
 * How an experiment is analysed.
 *
 * <ul>
 *   <li>{@link #FREQUENTIST}: fixed horizon; z-test or Welch's t-test, looked at once the required sample is reached.</li>
 *   <li>{@link #BAYESIAN}: fixed horizon; chance to beat control and expected loss.</li>
 *   <li>{@link #SEQUENTIAL}: always valid (mSPRT); may be looked at any time and stops when its boundary is crossed.</li>
 * </ul>
 */
public enum AnalysisMethod {
    FREQUENTIST,
    BAYESIAN,
    SEQUENTIAL;

    /** The method of the point estimates and intervals shown next to the sequential test. */
    public InferenceMethod inference() {
        return this == BAYESIAN ? InferenceMethod.BAYESIAN : InferenceMethod.FREQUENTIST;
    }
}
