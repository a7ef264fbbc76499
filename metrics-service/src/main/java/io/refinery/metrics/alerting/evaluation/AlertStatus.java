package io.refinery.metrics.alerting.evaluation;

/**
 * The lifecycle status of a rule's alert as stored. {@link #NONE} means there is no alert; {@link #RESOLVED} means
 * the last alert is over, which {@link AlertTransitions} treats the same as no open alert. {@link #PENDING},
 * {@link #FIRING} and {@link #ACKNOWLEDGED} (firing, and a person has seen it) are open alerts.
 */
public enum AlertStatus {
    NONE,
    PENDING,
    FIRING,
    ACKNOWLEDGED,
    RESOLVED;

    /** Whether this status is an open alert (PENDING, FIRING or ACKNOWLEDGED). */
    public boolean isOpen() {
        return this == PENDING || this == FIRING || this == ACKNOWLEDGED;
    }
}
