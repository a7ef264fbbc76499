package io.refinery.metrics.alerting.evaluation;

/**
 * What the alert lifecycle must do after an evaluation, as decided by {@link AlertTransitions}.
 *
 * <ul>
 *   <li>{@link #NONE}: nothing; there is no open alert and none is due.</li>
 *   <li>{@link #OPEN_PENDING}: open a new alert in PENDING.</li>
 *   <li>{@link #UPDATE_PENDING}: the pending alert stays pending; record the new streak.</li>
 *   <li>{@link #FIRE}: the rule fires; open the alert as FIRING or move the pending one to FIRING.</li>
 *   <li>{@link #STILL_FIRING}: the firing (or acknowledged) alert stays as it is; never fire twice.</li>
 *   <li>{@link #RESOLVE}: the firing (or acknowledged) alert is resolved.</li>
 *   <li>{@link #CANCEL_PENDING}: the pending alert is dropped without ever firing.</li>
 * </ul>
 */
public enum Transition {
    NONE,
    OPEN_PENDING,
    UPDATE_PENDING,
    FIRE,
    STILL_FIRING,
    RESOLVE,
    CANCEL_PENDING
}
