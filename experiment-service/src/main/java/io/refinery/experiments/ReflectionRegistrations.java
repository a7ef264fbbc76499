package io.refinery.experiments;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.ExitCriterion;
import io.refinery.experiments.rollout.machine.PhaseScope;
import io.refinery.experiments.rollout.machine.ReadinessGate;
import io.refinery.experiments.stats.ConfidenceInterval;

/**
 * The records of pure packages that this service writes to or reads from JSON by hand through its ObjectMapper or
 * its outbox. A native image reaches their constructors and accessors only when they are registered for reflection,
 * and a pure package must not import Quarkus (DESIGN.md §2), so they are registered here, in one place, rather than
 * annotated. Records of the framework-bound packages carry {@code @RegisterForReflection} themselves.
 * {@code SerialisedRecordsTest} lists everything the service serialises by hand and fails for a class registered
 * nowhere.
 */
@RegisterForReflection(targets = {
        // experiments' JSON columns (ExperimentJson, ExperimentRefs, Assignments): the design
        VariantSpec.class, MetricSpec.class, GuardrailSpec.class, SequentialLook.class, BanditSpec.class,
        // experiments.last_evaluation (ExperimentChecks), and the evaluation of the stopped and concluded events
        // and of the MODEL_ROLLOUT request (LifecycleEvents)
        ExperimentResults.class, ExperimentResults.VariantSummary.class, ExperimentResults.Srm.class,
        ExperimentResults.PrimaryMetric.class, ExperimentResults.Comparison.class, ExperimentResults.Sequential.class,
        ExperimentResults.Guardrail.class, ExperimentResults.GuardrailComparison.class,
        ExperimentResults.Progress.class, ExperimentResults.Recommendation.class, ExperimentResults.NonInferiority.class,
        ConfidenceInterval.class,
        // rollouts' phases and readiness (RolloutJson), the phases shown in ROLLOUT_PHASE requests, and the blockers
        // in a rollout step's details (history and RolloutStepped events)
        PhaseScope.class, ExitCriterion.class, DimensionAssessment.class, ReadinessGate.Blocker.class })
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
