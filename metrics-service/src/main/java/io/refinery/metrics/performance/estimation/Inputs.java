package io.refinery.metrics.performance.estimation;

import java.util.Objects;

/** Argument checks shared by the package; each failure is an {@link IllegalArgumentException} naming the argument. */
final class Inputs {

    private Inputs() {
    }

    /** Every value in [0, 1] (so none NaN). */
    static void unitInterval(String name, double[] values) {
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + "[" + i + "] must be in [0, 1], was " + v);
            }
        }
    }

    static void sameLength(String name, int length, String otherName, int otherLength) {
        if (length != otherLength) {
            throw new IllegalArgumentException(
                    name + " has " + length + " rows but " + otherName + " has " + otherLength);
        }
    }

    static int positives(boolean[] labels) {
        int k = 0;
        for (boolean label : labels) {
            k += label ? 1 : 0;
        }
        return k;
    }

    /** At least two rows, labels of both classes, equal lengths, scores in [0, 1]: what a calibration fit needs. */
    static void labelled(double[] scores, boolean[] labels) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        sameLength("labels", labels.length, "scores", scores.length);
        if (scores.length < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 labelled rows, had " + scores.length);
        }
        unitInterval("scores", scores);
        int positives = positives(labels);
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("calibration needs both classes in labels, had only "
                    + (positives == 0 ? "negatives" : "positives"));
        }
    }
}
