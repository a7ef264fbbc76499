package io.refinery.metrics;

import java.util.List;

import io.refinery.metrics.alerting.domain.AlertEvidence;
import io.refinery.metrics.alerting.evaluation.PeriodVerdict;
import io.refinery.metrics.drift.domain.FeatureResult;
import io.refinery.metrics.drift.domain.MonitorFeature;
import io.refinery.metrics.drift.stats.AdwinBucket;
import io.refinery.metrics.drift.stats.AdwinParameters;
import io.refinery.metrics.drift.stats.AdwinState;
import io.refinery.metrics.drift.stats.PageHinkley;
import io.refinery.metrics.performance.domain.EstimatorModel;
import io.refinery.metrics.performance.estimation.CalibrationCheck;
import io.refinery.metrics.performance.estimation.ReferenceRange;
import io.refinery.metrics.performance.estimation.ReliabilityBin;
import io.refinery.metrics.performance.estimation.SamplingErrorComponent;
import io.refinery.platform.events.AlertFired;
import io.refinery.platform.events.AlertResolved;
import io.refinery.platform.events.AlertRule;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.JudgedPeriod;
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
            // Outbox.append (AlertEvents, DriftEvents, DayCloser): the envelope and each event's data; the payload
            // maps of the review requests carry JudgedPeriods and a DriftDetected.Concept
            CloudEvent.class, AlertFired.class, AlertResolved.class, AlertRule.class, JudgedPeriod.class,
            DriftDetected.class, DriftDetected.Windows.class, DriftDetected.FeatureView.class,
            DriftDetected.Concept.class, DriftDetected.RecommendationView.class, RollupClosed.class,
            RollupClosed.SegmentValue.class, ReviewRequested.class, RequestSource.class,
            // alerts.evidence: RuleEvaluations writes it, AlertResponse reads it
            AlertEvidence.class, PeriodVerdict.class,
            // drift runs and detections (DriftEvaluations, DriftDetections, DriftRunResponse)
            FeatureResult.class, DriftDetected.RecommendationView.class,
            // drift monitors' features (DriftMonitorService)
            MonitorFeature.class,
            // concept-drift detectors' parameters and state (DetectorJson, ConceptDetectors' view)
            AdwinParameters.class, AdwinState.class, AdwinBucket.class, PageHinkley.Parameters.class,
            PageHinkley.State.class,
            // performance estimators' fitted model (PerformanceEstimators): the calibration, its check, the sampling
            // errors and the reference ranges
            EstimatorModel.class, EstimatorModel.CalibrationModel.class, CalibrationCheck.class, ReliabilityBin.class,
            SamplingErrorComponent.class, ReferenceRange.class,
            // the reason of a dead-lettered observation or sample (ingestion DeadLetters)
            FieldIssue.class);

    SerialisedRecordsTest() {
        super("io.refinery.metrics", SERIALISED_BY_HAND);
    }
}
