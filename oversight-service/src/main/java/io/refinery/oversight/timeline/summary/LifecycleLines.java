package io.refinery.oversight.timeline.summary;

import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.events.LifecycleEvent.CoverageGap;
import io.refinery.platform.events.LifecycleEvent.ExperimentConcluded;
import io.refinery.platform.events.LifecycleEvent.ExperimentOverdue;
import io.refinery.platform.events.LifecycleEvent.ExperimentStarted;
import io.refinery.platform.events.LifecycleEvent.ExperimentStopped;
import io.refinery.platform.events.LifecycleEvent.RolloutStepped;

/** The timeline's line for an event of experiment-service's lifecycle: experiments, coverage and rollouts. */
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
        RolloutStepped r = (RolloutStepped) event;
        return "Rollout %s: %s%s%s".formatted(r.rolloutKey(), r.step().replace('-', ' '),
                r.phase() == null ? "" : " (phase " + r.phase() + ")", EventSummary.suffix(r.reason()));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
