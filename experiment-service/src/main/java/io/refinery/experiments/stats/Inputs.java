package io.refinery.experiments.stats;

/** Validation shared by the public entry points; every failure names its field. */
final class Inputs {

    private Inputs() {
    }

    /** {@code parent.child}, or {@code child} when there is no parent. */
    static String path(String parent, String child) {
        return parent == null || parent.isEmpty() ? child : parent + "." + child;
    }

    static <T> T requireNonNull(T value, String field) {
        if (value == null) {
            throw new InvalidStatisticsInputException(field, "is required");
        }
        return value;
    }

    static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidStatisticsInputException(field, "must not be negative, was " + value);
        }
    }

    static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new InvalidStatisticsInputException(field, "must be a finite number, was " + value);
        }
    }

    static void requireNonNegative(double value, String field) {
        if (!Double.isFinite(value) || value < 0) {
            throw new InvalidStatisticsInputException(field, "must be finite and not negative, was " + value);
        }
    }

    static void requirePositive(double value, String field) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidStatisticsInputException(field, "must be finite and positive, was " + value);
        }
    }

    /** For alpha, power, rates: strictly between 0 and 1. */
    static void requireOpenUnitInterval(double value, String field) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidStatisticsInputException(field, "must be strictly between 0 and 1, was " + value);
        }
    }
}
