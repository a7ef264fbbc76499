package io.refinery.metrics.drift.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * One comparison to run: a reference sample, a current sample, the method and an optional threshold. Constructing
 * one validates it, so an instance is always acceptable to {@link DriftComparator}; invalid input throws
 * {@link DriftInputException} naming the field:
 *
 * <ul>
 *   <li>{@code method}: null, or a numerical-only method (KS, PSI, WASSERSTEIN) on categorical data.</li>
 *   <li>{@code reference} / {@code current}: null, empty, more than {@value #MAX_VALUES} values, a NaN or infinite
 *       value, or a null category.</li>
 *   <li>{@code threshold}: NaN, infinite or negative. A null threshold means the method's default.</li>
 * </ul>
 *
 * The arrays are neither copied nor modified; callers must not change them while a comparison runs. Equality
 * compares array contents.
 */
public sealed interface DriftInput permits DriftInput.Numerical, DriftInput.Categorical {

    /** The most values accepted per sample. */
    int MAX_VALUES = 1_000_000;

    DataType type();

    DriftMethod method();

    /** The threshold asked for, or null for the chosen method's default. */
    Double threshold();

    /** The size of the reference sample. */
    int referenceSize();

    /** The size of the current sample. */
    int currentSize();

    /** Numerical samples: every value finite. */
    record Numerical(DriftMethod method, double[] reference, double[] current, Double threshold)
            implements DriftInput {

        public Numerical {
            requireMethod(method);
            requireValues(DriftInputException.REFERENCE, reference);
            requireValues(DriftInputException.CURRENT, current);
            requireThreshold(threshold);
        }

        @Override
        public DataType type() {
            return DataType.NUMERICAL;
        }

        @Override
        public int referenceSize() {
            return reference.length;
        }

        @Override
        public int currentSize() {
            return current.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Numerical that && method == that.method && Objects.equals(threshold, that.threshold)
                    && Arrays.equals(reference, that.reference) && Arrays.equals(current, that.current);
        }

        @Override
        public int hashCode() {
            return Objects.hash(method, threshold, Arrays.hashCode(reference), Arrays.hashCode(current));
        }

        @Override
        public String toString() {
            return "Numerical[method=" + method + ", reference=" + reference.length + " values, current="
                    + current.length + " values, threshold=" + threshold + "]";
        }
    }

    /** Categorical samples: one label per observation, none null. */
    record Categorical(DriftMethod method, String[] reference, String[] current, Double threshold)
            implements DriftInput {

        public Categorical {
            requireMethod(method);
            if (method.numericalOnly()) {
                throw new DriftInputException(DriftInputException.METHOD, "method " + method
                        + " needs NUMERICAL data; CATEGORICAL data supports AUTO, JENSEN_SHANNON and CHI_SQUARE");
            }
            requireLabels(DriftInputException.REFERENCE, reference);
            requireLabels(DriftInputException.CURRENT, current);
            requireThreshold(threshold);
        }

        @Override
        public DataType type() {
            return DataType.CATEGORICAL;
        }

        @Override
        public int referenceSize() {
            return reference.length;
        }

        @Override
        public int currentSize() {
            return current.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Categorical that && method == that.method
                    && Objects.equals(threshold, that.threshold) && Arrays.equals(reference, that.reference)
                    && Arrays.equals(current, that.current);
        }

        @Override
        public int hashCode() {
            return Objects.hash(method, threshold, Arrays.hashCode(reference), Arrays.hashCode(current));
        }

        @Override
        public String toString() {
            return "Categorical[method=" + method + ", reference=" + reference.length + " labels, current="
                    + current.length + " labels, threshold=" + threshold + "]";
        }
    }

    private static void requireMethod(DriftMethod method) {
        if (method == null) {
            throw new DriftInputException(DriftInputException.METHOD, "method must not be null");
        }
    }

    private static void requireSize(String field, int size) {
        if (size == 0) {
            throw new DriftInputException(field, field + " must not be empty");
        }
        if (size > MAX_VALUES) {
            throw new DriftInputException(field, field + " must have at most " + MAX_VALUES + " values, had " + size);
        }
    }

    private static void requireValues(String field, double[] values) {
        if (values == null) {
            throw new DriftInputException(field, field + " must not be null");
        }
        requireSize(field, values.length);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new DriftInputException(field,
                        field + "[" + i + "] is " + values[i] + "; values must be finite numbers");
            }
        }
    }

    private static void requireLabels(String field, String[] labels) {
        if (labels == null) {
            throw new DriftInputException(field, field + " must not be null");
        }
        requireSize(field, labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new DriftInputException(field, field + "[" + i + "] is null; categories must not be null");
            }
        }
    }

    private static void requireThreshold(Double threshold) {
        if (threshold != null && (!Double.isFinite(threshold) || threshold < 0)) {
            throw new DriftInputException(DriftInputException.THRESHOLD,
                    "threshold must be a finite number >= 0, was " + threshold);
        }
    }
}
