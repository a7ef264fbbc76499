package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.experiment.domain.LifecycleEvents;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;

/**
 * A rollout's lifecycle on refinery.experiments.lifecycle (the shared {@link LifecycleEvent.RolloutStepped}, typed
 * {@code io.refinery.experiments.rollout.<step>.v1}: created, blocked, gate-requested, phase-approved, phase-rejected,
 * paused, resume-requested, resumed, rolled-back, completed, override-requested) and its ROLLOUT_PHASE requests on
 * refinery.oversight.requests, through the outbox.
 */
@ApplicationScoped
public class RolloutEvents {

    public static final String ROLLOUT_PHASE = "ROLLOUT_PHASE";

    private final Outbox outbox;

    public RolloutEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The step's event; {@code phaseName} null when the step is not about a phase. */
    public Uni<CloudEvent> stepped(Rollout r, String step, Integer phaseIndex, String phaseName, String reason,
            Map<String, Object> details) {
        return outbox.append(LifecycleEvents.LIFECYCLE_TOPIC, LifecycleEvent.RolloutStepped.typeOf(step), r.systemKey,
                new LifecycleEvent.RolloutStepped(r.key,
                r.systemKey, r.experimentKey, r.variant, step, r.state.name(), phaseIndex, phaseName, reason, Instant.now(),
                details));
    }

    /** A ROLLOUT_PHASE request with its evidence, sent for the event that announced it. */
    public Uni<Void> request(Rollout r, UUID requestId, String summary, Map<String, Object> payload, Double magnitude,
            CloudEvent announced) {
        return outbox.append(LifecycleEvents.REQUESTS_TOPIC, LifecycleEvents.REVIEW_REQUESTED, r.systemKey,
                new ReviewRequested(requestId.toString(), r.systemKey, ROLLOUT_PHASE, summary, payload, magnitude, null,
                        null, new RequestSource(LifecycleEvents.SERVICE, announced.id())))
                .replaceWithVoid();
    }
}
