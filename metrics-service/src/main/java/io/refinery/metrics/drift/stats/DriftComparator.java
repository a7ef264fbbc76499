package io.refinery.metrics.drift.stats;

/**
 * Compares a current sample with a reference sample: the single entry point of this package for data drift.
 *
 * <ol>
 *   <li>{@link DriftMethod#AUTO} is replaced by a concrete method ({@link AutoMethod}).</li>
 *   <li>The threshold is the input's, or the chosen method's default ({@link DriftMethod#defaultThreshold()}). With
 *       AUTO an explicit threshold is applied as given to whichever method is chosen, so it only makes sense when the
 *       caller knows which family (p-value or distance) will be picked.</li>
 *   <li>The method runs. Numerical samples are sorted (copies) once; KS, WASSERSTEIN and PSI then need one pass, and
 *       the categorical methods on numerical data count each distinct value as a category in one pass too. Labels are
 *       counted with a hash map. Every method is {@code O((m + n) log(m + n))} or better.</li>
 *   <li>The result says whether the data drifted ({@link DriftMethod#drifted}) and, for PSI, its {@link PsiBand}.
 *   </li>
 * </ol>
 *
 * Pure and stateless. Invalid input never gets here: {@link DriftInput} refuses it with a {@link DriftInputException}.
 */
public final class DriftComparator {

    private DriftComparator() {
    }

    /** Runs the comparison {@code input} describes. */
    public static DriftResult compare(DriftInput input) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        if (input instanceof DriftInput.Numerical numerical) {
            return compareNumerical(numerical);
        }
        return compareCategorical((DriftInput.Categorical) input);
    }

    private static DriftResult compareNumerical(DriftInput.Numerical input) {
        SortedValues reference = SortedValues.copyOf(input.reference());
        SortedValues current = SortedValues.copyOf(input.current());
        DriftMethod method = input.method() == DriftMethod.AUTO ? AutoMethod.forNumerical(reference) : input.method();
        double threshold = thresholdFor(input, method);
        switch (method) {
            case KS -> {
                KolmogorovSmirnov.Outcome ks = KolmogorovSmirnov.test(reference, current);
                return withPValue(method, ks.statistic(), ks.pValue(), threshold, ks.method().name());
            }
            case WASSERSTEIN -> {
                return withoutPValue(method, Wasserstein.normalizedDistance(reference, current), threshold);
            }
            case PSI -> {
                return withoutPValue(method, PopulationStability.index(reference, current), threshold);
            }
            default -> {
                return compareCounts(method, CategoryCounts.ofValues(reference, current), threshold);
            }
        }
    }

    private static DriftResult compareCategorical(DriftInput.Categorical input) {
        DriftMethod method = input.method() == DriftMethod.AUTO
                ? AutoMethod.forCategorical(input.referenceSize())
                : input.method();
        return compareCounts(method, CategoryCounts.ofLabels(input.reference(), input.current()),
                thresholdFor(input, method));
    }

    private static DriftResult compareCounts(DriftMethod method, CategoryCounts counts, double threshold) {
        if (method == DriftMethod.JENSEN_SHANNON) {
            return withoutPValue(method, JensenShannon.distance(counts), threshold);
        }
        if (method != DriftMethod.CHI_SQUARE) {
            throw new IllegalStateException("not a categorical method: " + method);
        }
        double statistic = ChiSquareGoodnessOfFit.statistic(counts);
        double pValue = ChiSquareGoodnessOfFit.pValue(statistic, ChiSquareGoodnessOfFit.degreesOfFreedom(counts));
        return withPValue(method, statistic, pValue, threshold, "ASYMPTOTIC");
    }

    private static double thresholdFor(DriftInput input, DriftMethod method) {
        return input.threshold() != null ? input.threshold() : method.defaultThreshold();
    }

    private static DriftResult withPValue(DriftMethod method, double statistic, double pValue, double threshold,
            String pValueMethod) {
        boolean drifted = method.drifted(statistic, pValue, threshold);
        return new DriftResult(method, statistic, pValue, threshold, drifted, null, pValueMethod);
    }

    private static DriftResult withoutPValue(DriftMethod method, double statistic, double threshold) {
        PsiBand band = method == DriftMethod.PSI ? PsiBand.of(statistic) : null;
        return new DriftResult(method, statistic, null, threshold, method.drifted(statistic, null, threshold), band,
                null);
    }
}
