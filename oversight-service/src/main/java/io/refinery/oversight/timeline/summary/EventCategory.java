package io.refinery.oversight.timeline.summary;

/** What a timeline entry is about; OVERSIGHT entries come from this service's own audit log. */
public enum EventCategory {
    ALERT, DRIFT, EXPERIMENT, ROLLOUT, FEEDBACK, OVERSIGHT, OTHER;

    /** The category of a CloudEvent type such as {@code io.refinery.metrics.alert.fired.v1}. */
    public static EventCategory ofType(String type) {
        if (type.startsWith("io.refinery.metrics.alert.")) {
            return ALERT;
        }
        if (type.startsWith("io.refinery.metrics.drift.")) {
            return DRIFT;
        }
        if (type.startsWith("io.refinery.experiments.rollout.")) {
            return ROLLOUT;
        }
        if (type.startsWith("io.refinery.experiments.")) {
            return EXPERIMENT;
        }
        if (type.startsWith("io.refinery.feedback.")) {
            return FEEDBACK;
        }
        return OTHER;
    }
}
