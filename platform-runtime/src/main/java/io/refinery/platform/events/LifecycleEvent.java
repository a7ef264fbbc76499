package io.refinery.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An event of {@value #TOPIC} (key: the systemKey): an experiment started, stopped, concluded or went overdue, a
 * system's experiment coverage gap opened or closed, or a rollout took a step. One record per event type, used by the
 * producer (experiment-service) and the consumers (oversight's timeline); {@link LifecycleEvents} reads them.
 */
public sealed interface LifecycleEvent extends AboutSystem {

    String TOPIC = "refinery.experiments.lifecycle";

    /** Data of {@value #TYPE}. */
    @RegisterForReflection
    record ExperimentStarted(UUID experimentId, String experimentKey, String systemKey, String kind, String hypothesis,
            List<String> variants, String primaryMetric, String analysis, long requiredUnitsPerVariant,
            String maxDuration, Instant startedAt, Instant endsAt, String startedBy) implements LifecycleEvent {

        public static final String TYPE = "io.refinery.experiments.experiment.started.v1";
    }

    /**
     * Data of {@value #TYPE}: the experiment stopped taking units (by a person, its max duration or a guardrail).
     *
     * @param evaluation the results at the stop, as experiment-service's results API shows them
     */
    @RegisterForReflection
    record ExperimentStopped(UUID experimentId, String experimentKey, String systemKey, String trigger, String reason,
            Instant stoppedAt, String recommendedDecision, Object evaluation) implements LifecycleEvent {

        public static final String TYPE = "io.refinery.experiments.experiment.stopped.v1";
    }

    /**
     * Data of {@value #TYPE}.
     *
     * @param decision         {@code SHIP:<variant>}, {@code KEEP_CONTROL} or {@code INCONCLUSIVE}
     * @param rolloutRequestId the MODEL_ROLLOUT request sent with a SHIP decision
     */
    @RegisterForReflection
    record ExperimentConcluded(UUID experimentId, String experimentKey, String systemKey, String decision,
            String rationale, String trigger, String concludedBy, Instant concludedAt, String recommendedDecision,
            UUID rolloutRequestId, Object evaluation) implements LifecycleEvent {

        public static final String TYPE = "io.refinery.experiments.experiment.concluded.v1";
    }

    /** Data of {@value #TYPE}: past its max duration, or stopped without a decision for too long. */
    @RegisterForReflection
    record ExperimentOverdue(UUID experimentId, String experimentKey, String systemKey, String state, Instant stoppedAt,
            Instant endsAt, Instant overdueAt, String reason) implements LifecycleEvent {

        public static final String TYPE = "io.refinery.experiments.experiment.overdue.v1";
    }

    /**
     * Data of {@value #OPENED} (no experiment runs on the system any more) and {@value #CLOSED} (one started again:
     * {@code experimentKey}).
     */
    @RegisterForReflection
    record CoverageGap(String systemKey, Instant openedAt, Instant closedAt, String experimentKey)
            implements LifecycleEvent {

        public static final String OPENED = "io.refinery.experiments.coverage.gap-opened.v1";
        public static final String CLOSED = "io.refinery.experiments.coverage.gap-closed.v1";
    }

    /**
     * Data of {@value #TYPE}: a reading of a system's holdout, the share of units kept out of every experiment and
     * rollout of the system started since the holdout began. The lift is the exposed population's against the
     * held-out units' on the holdout's metric: the cumulative impact of what shipped meanwhile. Sent at most once a
     * day while the holdout runs, and once when it ends ({@code finalReading}).
     *
     * @param relativeLift exposed over held-out, relative (0.021 = +2.1 %); null until both sides have units
     * @param advice       IMPACT_POSITIVE, IMPACT_NEGATIVE, NO_IMPACT_DETECTED, KEEP_RUNNING or INCONCLUSIVE
     * @param shipped      what shipped on the system since the holdout began: experiment keys with their variant
     *                     ({@code key:variant}) and completed rollouts ({@code rollout:key})
     */
    @RegisterForReflection
    record HoldoutMeasured(UUID experimentId, String holdoutKey, String systemKey, String metric, double share,
            long heldOutUnits, long exposedUnits, Double relativeLift, Double ciLow, Double ciHigh, Double pValue,
            String advice, List<String> shipped, Instant startedAt, Instant measuredAt, boolean finalReading)
            implements LifecycleEvent {

        public static final String TYPE = "io.refinery.experiments.holdout.measured.v1";
    }

    /**
     * Data of {@code io.refinery.experiments.rollout.<step>.v1}: a rollout took {@code step} (created, blocked,
     * gate-requested, phase-approved, phase-rejected, paused, resume-requested, resumed, rolled-back, completed,
     * override-requested) and is now in {@code state}.
     *
     * @param phase the phase the step is about, or null
     */
    @RegisterForReflection
    record RolloutStepped(String rolloutKey, String systemKey, String experimentKey, String variant, String step,
            String state, Integer phaseIndex, String phase, String reason, Instant at, Map<String, Object> details)
            implements LifecycleEvent {

        public static final String TYPE_PREFIX = "io.refinery.experiments.rollout.";

        /** The event type of a step. */
        public static String typeOf(String step) {
            return TYPE_PREFIX + step + ".v1";
        }
    }
}
