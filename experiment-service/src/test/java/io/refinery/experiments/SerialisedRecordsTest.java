package io.refinery.experiments;

import java.util.List;

import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.rollout.domain.RolloutJson;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.ExitCriterion;
import io.refinery.experiments.rollout.machine.PhaseScope;
import io.refinery.experiments.rollout.machine.ReadinessGate;
import io.refinery.experiments.stats.ConfidenceInterval;
import io.refinery.platform.events.AlertRule;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.InsightEvent;
import io.refinery.platform.events.JudgedPeriod;
import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.events.RollupClosed;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.testing.architecture.SerialisedByHandTest;

/**
 * What this service serialises by hand through Jackson is registered for reflection, so the native build stays
 * possible: the list below, grouped by call site, with the records nested in each; every type a class reads from JSON
 * by hand; and every record named like an event.
 */
class SerialisedRecordsTest extends SerialisedByHandTest {

    static final List<Class<?>> SERIALISED_BY_HAND = List.of(
            // Outbox.append (LifecycleEvents, RolloutEvents): the envelope and each event's data; the concluded and
            // stopped events and the MODEL_ROLLOUT request carry the ExperimentResults as their evaluation, a
            // RolloutStepped its details (blockers, exit criteria), a ROLLOUT_PHASE request its phases
            CloudEvent.class, LifecycleEvent.ExperimentStarted.class, LifecycleEvent.ExperimentStopped.class,
            LifecycleEvent.ExperimentConcluded.class, LifecycleEvent.ExperimentOverdue.class,
            LifecycleEvent.CoverageGap.class, LifecycleEvent.RolloutStepped.class, ReviewRequested.class,
            RequestSource.class, ExperimentResults.class, ReadinessGate.Blocker.class, PhaseScope.class,
            ExitCriterion.class,
            // experiments' JSON columns (ExperimentJson, ExperimentRefs, Assignments, ExperimentChecks)
            VariantSpec.class, MetricSpec.class, GuardrailSpec.class, SequentialLook.class, ExperimentResults.class,
            ConfidenceInterval.class,
            // rollouts' JSON columns (RolloutJson) and rollout_steps.details (RolloutGates)
            RolloutJson.PhaseDoc.class, DimensionAssessment.class, ReadinessGate.Blocker.class,
            // the rollout signals' segments, written back from the RollupClosed they came in (RolloutSignalsConsumer)
            RollupClosed.SegmentValue.class,
            // read by the shared contract readers that bind by reflection (RolloutSignalsConsumer: AlertEvents,
            // DriftEvents, InsightEvents)
            AlertRule.class, JudgedPeriod.class, DriftDetected.class, InsightEvent.ContradictionDetected.class,
            InsightEvent.ThemeSpiked.class,
            // the reasons of dead-lettered exposures and outcomes (IngestRecords)
            FieldIssue.class);

    SerialisedRecordsTest() {
        super("io.refinery.experiments", SERIALISED_BY_HAND);
    }
}
