package io.refinery.oversight;

import java.util.List;

import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.review.domain.ReviewOverdue;
import io.refinery.platform.events.AlertRule;
import io.refinery.platform.events.DecisionMade;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.InsightEvent;
import io.refinery.platform.events.JudgedPeriod;
import io.refinery.platform.events.LifecycleEvent;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.systems.SystemEventData;
import io.refinery.testing.architecture.SerialisedByHandTest;

/**
 * What this service serialises by hand through Jackson is registered for reflection, so the native build stays
 * possible: the list below, grouped by call site, with the records nested in each; every type a class reads from JSON
 * by hand; and every record named like an event.
 */
class SerialisedRecordsTest extends SerialisedByHandTest {

    static final List<Class<?>> SERIALISED_BY_HAND = List.of(
            // Outbox.append (DecisionEvents, SlaEscalation, SystemRegistry): the envelope and each event's data
            CloudEvent.class, DecisionMade.class, RequestSource.class, ReviewOverdue.class, SystemEventData.class,
            SystemEventData.RiskProfileData.class,
            // oversight.policy_versions (PolicyService), and the policy in a POLICY_CHANGED audit entry's details
            PolicyDocument.class, PolicyDocument.RuleDocument.class, PolicyDocument.ShiftDocument.class,
            // read by the shared contract readers that bind by reflection (AlertEvents in the relaxation track and
            // the timeline; DriftEvents, LifecycleEvents and InsightEvents in the timeline)
            AlertRule.class, JudgedPeriod.class, DriftDetected.class, LifecycleEvent.ExperimentStarted.class,
            LifecycleEvent.ExperimentStopped.class, LifecycleEvent.ExperimentConcluded.class,
            LifecycleEvent.ExperimentOverdue.class, LifecycleEvent.CoverageGap.class,
            LifecycleEvent.HoldoutMeasured.class, LifecycleEvent.RolloutStepped.class, InsightEvent.ContradictionDetected.class,
            InsightEvent.ThemeSpiked.class);

    SerialisedRecordsTest() {
        super("io.refinery.oversight", SERIALISED_BY_HAND);
    }
}
