package io.refinery.oversight.console.domain;

import io.refinery.oversight.console.attention.Attention;

/**
 * How one AI system is doing, as oversight knows it from its timeline and its queue: open alerts (fired without a
 * later resolution for the same alert id), alerts fired and drift detections of the window, the state of its
 * experiment coverage, and its oversight load (pending reviews, of which overdue).
 */
public record SystemHealth(String systemKey, long openAlerts, long alertsFired, long driftDetections, Stamp lastDrift,
        long experimentsStarted, Coverage coverage, long pending, long overdue, int windowDays) {

    /** The latest coverage signal of experiment-service: a gap opened, a gap closed, or none heard. */
    public record Coverage(String code, String label, Stamp since) {

        static final Coverage UNKNOWN = new Coverage("unknown", "No signal", null);

        static Coverage opened(Stamp since) {
            return new Coverage("gap", "Gap open", since);
        }

        static Coverage closed(Stamp since) {
            return new Coverage("covered", "Covered", since);
        }
    }

    static SystemHealth none(String systemKey, int windowDays) {
        return new SystemHealth(systemKey, 0, 0, 0, null, 0, Coverage.UNKNOWN, 0, 0, windowDays);
    }

    public Attention attention() {
        return new Attention(systemKey, overdue, openAlerts, pending, driftDetections);
    }
}
