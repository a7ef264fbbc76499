package io.refinery.experiments.stats;

/**
 * How a comparison is judged.
 *
 * <ul>
 *   <li>{@link #FREQUENTIST}: a p-value, a confidence interval and a significant/not verdict at level alpha.</li>
 *   <li>{@link #BAYESIAN}: the posterior chance that treatment beats control and the expected loss of shipping it,
 *       with a credible interval.</li>
 * </ul>
 */
public enum InferenceMethod {
    FREQUENTIST,
    BAYESIAN
}
