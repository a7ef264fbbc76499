package io.refinery.oversight.report.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.oversight.report.learnings.FindingRules;
import io.refinery.oversight.report.learnings.Learnings;
import io.refinery.oversight.report.learnings.LearningsReport;
import io.smallrye.mutiny.Uni;

/** The learnings report of a period, from the facts this service holds. */
@ApplicationScoped
public class LearningsReports {

    private final LearningsFacts facts;

    public LearningsReports(LearningsFacts facts) {
        this.facts = facts;
    }

    public Uni<LearningsReport> of(Instant from, Instant to, String label) {
        return facts.of(from, to).map(f -> Learnings.report(new LearningsReport.Period(from, to, label), f,
                FindingRules.DEFAULTS));
    }
}
