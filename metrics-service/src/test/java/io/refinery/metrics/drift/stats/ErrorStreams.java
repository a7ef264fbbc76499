package io.refinery.metrics.drift.stats;

import java.util.SplittableRandom;

/** Deterministic synthetic prediction-error streams. */
final class ErrorStreams {

    private ErrorStreams() {
    }

    /**
     * 0/1 errors: {@code before} values with error rate {@code rateBefore}, then {@code after} values with
     * {@code rateAfter}, from {@code new SplittableRandom(seed)} (value i is 1 when {@code nextDouble() < rate}).
     */
    static double[] binary(long seed, int before, double rateBefore, int after, double rateAfter) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] errors = new double[before + after];
        for (int i = 0; i < errors.length; i++) {
            double rate = i < before ? rateBefore : rateAfter;
            errors[i] = random.nextDouble() < rate ? 1 : 0;
        }
        return errors;
    }

    /** How many values after position {@code from} the first detection came (1 = at the first one), or -1. */
    static int delayAfter(ConceptDriftDetector<?> detector, double[] errors, int from) {
        for (int i = 0; i < errors.length; i++) {
            if (detector.update(errors[i]) && i >= from) {
                return i - from + 1;
            }
        }
        return -1;
    }

    /** How many times the detector fires over {@code errors}. */
    static int detections(ConceptDriftDetector<?> detector, double[] errors) {
        int detections = 0;
        for (double error : errors) {
            if (detector.update(error)) {
                detections++;
            }
        }
        return detections;
    }
}
