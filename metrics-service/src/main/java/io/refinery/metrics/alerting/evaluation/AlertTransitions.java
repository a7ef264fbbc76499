package io.refinery.metrics.alerting.evaluation;

/**
 * Decides what the alert lifecycle must do after an evaluation, the way Prometheus alerting moves between inactive,
 * pending and firing. Pure.
 *
 * <table>
 *   <caption>current alert status × rule state → transition</caption>
 *   <tr><th>current</th><th>FIRING</th><th>PENDING</th><th>OK</th></tr>
 *   <tr><td>NONE, RESOLVED</td><td>FIRE</td><td>OPEN_PENDING</td><td>NONE</td></tr>
 *   <tr><td>PENDING</td><td>FIRE</td><td>UPDATE_PENDING</td><td>CANCEL_PENDING</td></tr>
 *   <tr><td>FIRING, ACKNOWLEDGED</td><td>STILL_FIRING</td><td>STILL_FIRING</td><td>RESOLVE (see below)</td></tr>
 * </table>
 *
 * <p>With no open alert, a FIRING state goes straight to FIRE (N = 1, or catching up on several closed periods at
 * once). A firing alert whose streak was broken and restarted (state PENDING, breaches &gt; 0) keeps firing: it
 * never fires twice. A firing alert resolves only when the state is OK, which requires a WITHIN period, since
 * INSUFFICIENT_SAMPLES and NO_BASELINE periods neither count nor reset the streak; then the last period that was
 * compared with a threshold is WITHIN. An evaluation with no such period at all (e.g. a window holding only
 * low-sample periods) is no evidence of recovery, so a firing alert stays firing.
 */
public final class AlertTransitions {

    private AlertTransitions() {
    }

    /**
     * The transition for an alert in status {@code current} after {@code evaluation} of a rule needing
     * {@code consecutivePeriods} breaches in a row.
     *
     * @throws IllegalArgumentException if an argument is null, or {@code evaluation}'s state does not match its
     *     breach count for {@code consecutivePeriods} (it was evaluated with another rule)
     */
    public static Transition next(AlertStatus current, Evaluation evaluation, int consecutivePeriods) {
        if (current == null || evaluation == null) {
            throw new IllegalArgumentException("current and evaluation must not be null");
        }
        RuleState state = RuleState.of(evaluation.consecutiveBreaches(), consecutivePeriods);
        if (state != evaluation.state()) {
            throw new IllegalArgumentException("evaluation state " + evaluation.state() + " does not match "
                    + evaluation.consecutiveBreaches() + " breaches with consecutivePeriods " + consecutivePeriods);
        }
        return switch (current) {
            case NONE, RESOLVED -> switch (state) {
                case FIRING -> Transition.FIRE;
                case PENDING -> Transition.OPEN_PENDING;
                case OK -> Transition.NONE;
            };
            case PENDING -> switch (state) {
                case FIRING -> Transition.FIRE;
                case PENDING -> Transition.UPDATE_PENDING;
                case OK -> Transition.CANCEL_PENDING;
            };
            case FIRING, ACKNOWLEDGED -> state == RuleState.OK && lastJudgedWithin(evaluation)
                    ? Transition.RESOLVE
                    : Transition.STILL_FIRING;
        };
    }

    private static boolean lastJudgedWithin(Evaluation evaluation) {
        return evaluation.lastDecisiveVerdict()
                .map(verdict -> verdict.verdict() == Verdict.WITHIN)
                .orElse(false);
    }
}
