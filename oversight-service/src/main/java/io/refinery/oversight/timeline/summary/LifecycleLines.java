package io.refinery.oversight.timeline.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.events.LifecycleEvent.CoverageGap;
import io.refinery.platform.events.LifecycleEvent.ExperimentConcluded;
import io.refinery.platform.events.LifecycleEvent.ExperimentOverdue;
import io.refinery.platform.events.LifecycleEvent.ExperimentStarted;
import io.refinery.platform.events.LifecycleEvent.ExperimentStopped;
import io.refinery.platform.events.LifecycleEvent.HoldoutMeasured;
import io.refinery.platform.events.LifecycleEvent.RolloutStepped;

/** The timeline's line for an event of experiment-service's lifecycle: experiments, coverage, holdouts and rollouts. */
final class LifecycleLines {

    private LifecycleLines() {
    }

    static String of(LifecycleEvent event) {
        if (event instanceof ExperimentStarted e) {
            return "Experiment %s started (%s): %s".formatted(e.experimentKey(), e.kind(), nonNull(e.hypothesis()));
        }
        if (event instanceof ExperimentStopped e) {
            return "Experiment %s stopped (%s)%s".formatted(e.experimentKey(), e.trigger(), EventSummary.suffix(e.reason()));
        }
        if (event instanceof ExperimentConcluded e) {
            return "Experiment %s concluded: %s".formatted(e.experimentKey(), e.decision());
        }
        if (event instanceof ExperimentOverdue e) {
            return "Experiment %s overdue%s".formatted(e.experimentKey(), EventSummary.suffix(e.reason()));
        }
        if (event instanceof CoverageGap e) {
            return e.closedAt() == null ? "Coverage gap opened: no running experiment"
                    : "Coverage gap closed by experiment " + e.experimentKey();
        }
        if (event instanceof HoldoutMeasured h) {
            return holdout(h);
        }
        RolloutStepped r = (RolloutStepped) event;
        return "Rollout %s: %s%s%s".formatted(r.rolloutKey(), r.step().replace('-', ' '),
                r.phase() == null ? "" : " (phase " + r.phase() + ")", EventSummary.suffix(r.reason()));
    }

    /**
     * {@code Holdout reco-q4 on reco-engine: shipped changes lift conversion by +2.10 % [0.8 %, 3.4 %] against 5 % held
     * out (p = 0.003), 3 changes shipped}; "ended" after the holdout's key on its final reading, "no lift measured yet"
     * while a side has no units.
     */
    static String holdout(HoldoutMeasured h) {
        StringBuilder line = new StringBuilder("Holdout ").append(h.holdoutKey()).append(" on ").append(h.systemKey())
                .append(h.finalReading() ? " ended: " : ": ");
        if (h.relativeLift() == null) {
            line.append("no lift measured yet on ").append(h.metric());
        } else {
            line.append("shipped changes lift ").append(h.metric()).append(" by ")
                    .append(String.format(Locale.ROOT, "%+.2f %%", 100 * h.relativeLift()));
            if (h.ciLow() != null && h.ciHigh() != null) {
                line.append(" [").append(percent(h.ciLow())).append(", ").append(percent(h.ciHigh())).append(']');
            }
        }
        line.append(" against ").append(percent(h.share())).append(" held out");
        if (h.relativeLift() != null && h.pValue() != null) {
            line.append(h.pValue() < 0.001 ? " (p < 0.001)" : String.format(Locale.ROOT, " (p = %.3f)", h.pValue()));
        }
        int shipped = h.shipped() == null ? 0 : h.shipped().size();
        return line.append(", ").append(shipped).append(shipped == 1 ? " change shipped" : " changes shipped").toString();
    }

    /** A share as a percentage with at most one decimal: 0.05 → {@code 5 %}, 0.0083 → {@code 0.8 %}. */
    private static String percent(double share) {
        String s = BigDecimal.valueOf(100 * share).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return ("-0".equals(s) ? "0" : s) + " %";
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
