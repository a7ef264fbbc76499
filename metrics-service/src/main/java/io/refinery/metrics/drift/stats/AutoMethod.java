package io.refinery.metrics.drift.stats;

/**
 * How {@link DriftMethod#AUTO} picks a method, after Evidently's defaults for column drift:
 *
 * <table>
 *   <caption>Choice</caption>
 *   <tr><th>reference size</th><th>numerical, more than 5 distinct reference values</th>
 *       <th>otherwise (categorical, or numerical with at most 5 distinct values)</th></tr>
 *   <tr><td>at most 1,000</td><td>{@link DriftMethod#KS}</td><td>{@link DriftMethod#CHI_SQUARE}</td></tr>
 *   <tr><td>more than 1,000</td><td>{@link DriftMethod#WASSERSTEIN}</td><td>{@link DriftMethod#JENSEN_SHANNON}</td>
 *   </tr>
 * </table>
 *
 * Distinct values are counted over the reference only. Numerical data with at most 5 distinct values is compared as
 * categories, each value one category.
 */
final class AutoMethod {

    /** The largest reference still compared with a test (KS, chi-square) rather than a distance. */
    static final int LARGEST_SMALL_REFERENCE = 1_000;
    /** The most distinct values numerical data may have and still be compared as categories. */
    static final int MOST_DISTINCT_VALUES_FOR_CATEGORIES = 5;

    private AutoMethod() {
    }

    /** The method for numerical data with this (sorted) reference. */
    static DriftMethod forNumerical(SortedValues reference) {
        if (!reference.hasMoreDistinctValuesThan(MOST_DISTINCT_VALUES_FOR_CATEGORIES)) {
            return forCategorical(reference.size());
        }
        return reference.size() <= LARGEST_SMALL_REFERENCE ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
    }

    /** The method for categorical data with a reference of {@code referenceSize} labels. */
    static DriftMethod forCategorical(int referenceSize) {
        return referenceSize <= LARGEST_SMALL_REFERENCE ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON;
    }
}
