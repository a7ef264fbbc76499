package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.List;

/**
 * One sample of an AI system for drift detection: its input features when it predicted, the prediction, and the
 * outcome when known. The outcome may come later as another sample with the same id (only the first outcome for an id
 * counts; the features of a repeated id are ignored).
 */
public record Sample(String id, String systemKey, Instant observedAt, List<Feature> features, Value prediction,
        Value outcome) {

    /** A feature value: a finite number, or a label (strings and booleans). */
    public record Feature(String name, double number, String label) {

        public boolean numerical() {
            return label == null;
        }
    }

    /** A prediction or outcome: a finite number, or a label (strings and booleans). */
    public record Value(Double number, String label) {

        /**
         * The prediction error of {@code prediction} against {@code outcome}: the absolute difference of two numbers,
         * otherwise 0 when their texts are equal and 1 when not (classification, 0/1 loss).
         */
        public static double error(Value prediction, Value outcome) {
            if (prediction.number() != null && outcome.number() != null) {
                return Math.abs(prediction.number() - outcome.number());
            }
            return prediction.text().equals(outcome.text()) ? 0 : 1;
        }

        /** The label, or the number written as JSON would (1 for 1.0). */
        public String text() {
            if (label != null) {
                return label;
            }
            double v = number;
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
