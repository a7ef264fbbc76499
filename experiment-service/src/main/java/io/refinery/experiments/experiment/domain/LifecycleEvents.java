package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.refinery.platform.outbox.Outbox;
import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;

/**
 * What the experiment lifecycle publishes (the shared {@link LifecycleEvent} contract), through the outbox (so events commit with the state change), on
 * refinery.experiments.lifecycle keyed by systemKey: started, stopped, concluded, overdue, and coverage gap
 * opened/closed. A conclusion that ships a variant also sends a MODEL_ROLLOUT request on refinery.oversight.requests.
 */
@ApplicationScoped
public class LifecycleEvents {

    public static final String LIFECYCLE_TOPIC = LifecycleEvent.TOPIC;
    public static final String REQUESTS_TOPIC = ReviewRequested.TOPIC;
    public static final String REVIEW_REQUESTED = ReviewRequested.typeOf("experiments");
    public static final String MODEL_ROLLOUT = "MODEL_ROLLOUT";
    public static final String SERVICE = "experiment-service";

    private final Outbox outbox;

    public LifecycleEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> started(Experiment e, List<String> variants, String primaryMetric) {
        return outbox.append(LIFECYCLE_TOPIC, LifecycleEvent.ExperimentStarted.TYPE, e.systemKey, new LifecycleEvent.ExperimentStarted(e.id, e.key, e.systemKey,
                e.kind.name(), e.hypothesis, variants, primaryMetric, e.analysis.name(), e.requiredUnitsPerVariant,
                e.maxDuration, e.startedAt, e.endsAt, e.updatedBy)).replaceWithVoid();
    }

    public Uni<Void> stopped(Experiment e, String recommendedDecision, Object evaluation) {
        return outbox.append(LIFECYCLE_TOPIC, LifecycleEvent.ExperimentStopped.TYPE, e.systemKey, new LifecycleEvent.ExperimentStopped(e.id, e.key, e.systemKey,
                e.stopTrigger.name(), e.stopReason, e.stoppedAt, recommendedDecision, evaluation)).replaceWithVoid();
    }

    /**
     * The concluded event and, for a SHIP decision, the MODEL_ROLLOUT request (its id is already on the experiment).
     *
     * @param magnitude the shipped variant's relative lift on the primary metric (absolute value), if known
     * @param confidence 1 − its p-value, or its chance to beat control, if known
     */
    public Uni<Void> concluded(Experiment e, String trigger, String recommendedDecision, Object evaluation,
            Double magnitude, Double confidence) {
        LifecycleEvent.ExperimentConcluded data = new LifecycleEvent.ExperimentConcluded(e.id, e.key, e.systemKey, e.decision, e.decisionRationale, trigger,
                e.concludedBy, e.concludedAt, recommendedDecision, e.rolloutRequestId, evaluation);
        return outbox.append(LIFECYCLE_TOPIC, LifecycleEvent.ExperimentConcluded.TYPE, e.systemKey, data).flatMap(event -> {
            if (e.rolloutRequestId == null) {
                return Uni.createFrom().voidItem();
            }
            String variant = e.decision.substring("SHIP:".length());
            String summary = "Roll out variant %s of experiment %s on %s (%s)".formatted(variant, e.key, e.systemKey,
                    e.decisionRationale == null ? "concluded " + trigger.toLowerCase() : e.decisionRationale);
            Map<String, Object> payload = Map.of("experimentKey", e.key, "experimentId", e.id.toString(),
                    "variant", variant, "decision", e.decision, "trigger", trigger, "kind", e.kind.name(),
                    "evaluation", evaluation == null ? Map.of() : evaluation);
            return outbox.append(REQUESTS_TOPIC, REVIEW_REQUESTED, e.systemKey, new ReviewRequested(Objects.toString(e.rolloutRequestId, null),
                    e.systemKey, MODEL_ROLLOUT, summary, payload, magnitude, null, confidence,
                    new RequestSource(SERVICE, event.id()))).replaceWithVoid();
        });
    }

    public Uni<Void> overdue(Experiment e, String reason) {
        return outbox.append(LIFECYCLE_TOPIC, LifecycleEvent.ExperimentOverdue.TYPE, e.systemKey, new LifecycleEvent.ExperimentOverdue(e.id, e.key, e.systemKey,
                e.state.name(), e.stoppedAt, e.endsAt, e.overdueAt, reason)).replaceWithVoid();
    }

    public Uni<Void> coverageGapOpened(String systemKey, Instant openedAt) {
        return outbox.append(LIFECYCLE_TOPIC, LifecycleEvent.CoverageGap.OPENED, systemKey, new LifecycleEvent.CoverageGap(systemKey, openedAt, null, null))
                .replaceWithVoid();
    }

    public Uni<Void> coverageGapClosed(String systemKey, Instant openedAt, Instant closedAt, String experimentKey) {
        return outbox.append(LIFECYCLE_TOPIC, LifecycleEvent.CoverageGap.CLOSED, systemKey,
                new LifecycleEvent.CoverageGap(systemKey, openedAt, closedAt, experimentKey)).replaceWithVoid();
    }
}
