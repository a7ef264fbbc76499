package io.refinery.metrics;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.alerting.evaluation.PeriodVerdict;
import io.refinery.metrics.drift.stats.AdwinBucket;
import io.refinery.metrics.drift.stats.AdwinParameters;
import io.refinery.metrics.drift.stats.AdwinState;
import io.refinery.metrics.drift.stats.PageHinkley;
import io.refinery.metrics.performance.estimation.CalibrationCheck;
import io.refinery.metrics.performance.estimation.ReferenceRange;
import io.refinery.metrics.performance.estimation.ReliabilityBin;
import io.refinery.metrics.performance.estimation.SamplingErrorComponent;

/**
 * The records of pure packages that this service writes to or reads from JSON by hand through its ObjectMapper. A
 * native image reaches their constructors and accessors only when they are registered for reflection, and a pure
 * package must not import Quarkus (DESIGN.md §2), so they are registered here, in one place, rather than annotated.
 * Records of the framework-bound packages carry {@code @RegisterForReflection} themselves.
 * {@code SerialisedRecordsTest} lists everything the service serialises by hand and fails for a class registered
 * nowhere.
 */
@RegisterForReflection(targets = {
        // alerts.evidence (RuleEvaluations writes it, AlertResponse reads it): the periods inside AlertEvidence
        PeriodVerdict.class,
        // metrics.drift_detectors (DetectorJson): each detector's parameters and whole state, and the API's view
        AdwinParameters.class, AdwinState.class, AdwinBucket.class,
        PageHinkley.Parameters.class, PageHinkley.State.class,
        // metrics.performance_estimators.model (EstimatorModel): the calibration check, sampling errors, reference ranges
        CalibrationCheck.class, ReliabilityBin.class, SamplingErrorComponent.class, ReferenceRange.class })
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
