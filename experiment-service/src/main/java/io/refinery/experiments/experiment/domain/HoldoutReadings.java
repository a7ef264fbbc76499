package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a holdout's readings ({@link LifecycleEvent.HoldoutMeasured}) through the outbox, in the caller's
 * transaction: at most one a day (UTC) while it runs, from the clocked checks, and a final one when it is released.
 * Each carries the exposed units' lift over the held-out ones and what shipped on the system since it began.
 */
@ApplicationScoped
public class HoldoutReadings {

    private final Outbox outbox;
    private final ShippedChanges shipped;

    public HoldoutReadings(Outbox outbox, ShippedChanges shipped) {
        this.outbox = outbox;
        this.shipped = shipped;
    }

    /** The day's reading of a running holdout, unless one was published on {@code at}'s UTC day already. */
    public Uni<Void> measureDaily(Experiment e, ExperimentResults results, Instant at) {
        if (e.holdoutMeasuredAt != null && e.holdoutMeasuredAt.truncatedTo(ChronoUnit.DAYS)
                .equals(at.truncatedTo(ChronoUnit.DAYS))) {
            return Uni.createFrom().voidItem();
        }
        e.holdoutMeasuredAt = at;
        return publish(e, results, at, false);
    }

    /** The final reading, when the holdout is released. */
    public Uni<Void> measureFinal(Experiment e, ExperimentResults results, Instant at) {
        e.holdoutMeasuredAt = at;
        return publish(e, results, at, true);
    }

    private Uni<Void> publish(Experiment e, ExperimentResults results, Instant at, boolean last) {
        HoldoutSides sides = HoldoutSides.of(results);
        ExperimentResults.Comparison c = sides.impact();
        double share = sides.heldOut() == null ? 0 : sides.heldOut().weight();
        return shipped.between(e.systemKey, e.startedAt, at.plusMillis(1)).flatMap(changes -> outbox.append(
                LifecycleEvent.TOPIC, LifecycleEvent.HoldoutMeasured.TYPE, e.systemKey,
                new LifecycleEvent.HoldoutMeasured(e.id, e.key, e.systemKey, results.primaryMetric().name(), share,
                        sides.heldOutUnits(), sides.exposedUnits(), c == null ? null : c.relativeLift(),
                        c == null || c.confidenceInterval() == null ? null : c.confidenceInterval().lower(),
                        c == null || c.confidenceInterval() == null ? null : c.confidenceInterval().upper(),
                        c == null ? null : c.pValue(), results.recommendation().advice(),
                        changes.stream().map(ShippedChanges.Change::label).toList(), e.startedAt, at, last)))
                .replaceWithVoid();
    }
}
