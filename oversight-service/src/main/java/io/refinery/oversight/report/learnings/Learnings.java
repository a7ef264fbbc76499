package io.refinery.oversight.report.learnings;

import java.util.ArrayList;
import java.util.List;

/** Builds the learnings report of a period from its facts: overall, per system, then gaps and signals per system. */
public final class Learnings {

    private Learnings() {
    }

    public static LearningsReport report(LearningsReport.Period period, Facts facts, FindingRules rules) {
        List<LearningsReport.SystemSection> systems = new ArrayList<>();
        List<LearningsReport.Finding> gaps = new ArrayList<>();
        List<LearningsReport.Finding> signals = new ArrayList<>();
        for (String system : facts.systems().stream().sorted().toList()) {
            Facts own = facts.of(system);
            systems.add(new LearningsReport.SystemSection(system, Sections.of(own)));
            gaps.addAll(Findings.gaps(system, own, rules));
            signals.addAll(Findings.signals(system, own, rules));
        }
        return new LearningsReport(period, Sections.of(facts), systems, gaps, signals);
    }
}
