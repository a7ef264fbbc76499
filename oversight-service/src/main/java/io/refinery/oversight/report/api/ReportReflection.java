package io.refinery.oversight.report.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.oversight.report.learnings.LearningsReport;
import io.refinery.oversight.timeline.domain.SystemTimeline;

/** The report and timeline records are serialized by reflection in a native image; they live in pure packages. */
@RegisterForReflection(targets = { LearningsReport.class, LearningsReport.Period.class, LearningsReport.SystemSection.class,
        LearningsReport.Section.class, LearningsReport.Alerts.class, LearningsReport.Drift.class,
        LearningsReport.Experiments.class, LearningsReport.Holdouts.class, LearningsReport.HoldoutReading.class,
        LearningsReport.Feedback.class, LearningsReport.ThemeCount.class,
        LearningsReport.Oversight.class, LearningsReport.Rollouts.class, LearningsReport.Finding.class,
        SystemTimeline.Entry.class })
final class ReportReflection {

    private ReportReflection() {
    }
}
