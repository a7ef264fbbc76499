package io.refinery.oversight.report.learnings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.refinery.oversight.report.learnings.LearningsReport.Finding;
import io.refinery.oversight.report.learnings.LearningsReport.Section;

/**
 * The learnings report as Markdown: a table per area, systems as rows (holdouts: one row per holdout), then the gaps
 * and signals.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(LearningsReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Learnings report").append(r.period().label() == null ? "" : " " + r.period().label()).append("\n\n");
        md.append("Period: ").append(r.period().from()).append(" to ").append(r.period().to()).append(" (exclusive), ")
                .append(r.systems().size()).append(" AI system(s).\n\n");

        md.append("## Alerts\n\n");
        table(md, List.of("System", "Fired", "Resolved", "Unresolved", "Median hours to resolve", "Fired by metric"),
                r, s -> List.of(n(s.alerts().fired()), n(s.alerts().resolved()), n(s.alerts().unresolved()),
                        dec(s.alerts().medianHoursToResolution()), map(s.alerts().firedByMetric())));
        md.append("## Drift\n\n");
        table(md, List.of("System", "Detections", "By kind", "Recommended", "Chosen by reviewers", "Rejected", "Undecided"),
                r, s -> List.of(n(s.drift().detections()), map(s.drift().byKind()), map(s.drift().recommended()),
                        map(s.drift().chosen()), n(s.drift().rejected()), n(s.drift().undecided())));
        md.append("## Experiments\n\n");
        table(md, List.of("System", "Started", "Concluded", "Shipped", "Win rate", "Median lift", "Inconclusive",
                "Overdue", "Coverage gaps", "A/A tests concluded (failed)", "Holdouts started (concluded)"), r,
                s -> List.of(n(s.experiments().started()), n(s.experiments().concluded()),
                        n(s.experiments().shipped()), pct(s.experiments().winRate()), pct(s.experiments().medianLift()),
                        pct(s.experiments().shareInconclusive()), n(s.experiments().overdue()),
                        n(s.experiments().coverageGapsOpened()),
                        s.experiments().aaTestsConcluded() + " (" + s.experiments().aaTestsFailed() + ")",
                        s.experiments().holdoutsStarted() + " (" + s.experiments().holdoutsConcluded() + ")"));
        md.append("A/A tests and holdouts are counted apart: the experiment numbers are of tests of treatments only.\n\n");
        holdouts(md, r.overall().holdouts());
        md.append("## Customer feedback\n\n");
        table(md, List.of("System", "Contradictions", "By kind", "Top spiking themes"), r,
                s -> List.of(n(s.feedback().contradictions()), map(s.feedback().contradictionsByKind()),
                        s.feedback().topThemes().isEmpty() ? "–" : s.feedback().topThemes().stream()
                                .map(t -> t.theme() + " (" + t.spikes() + ")").collect(Collectors.joining(", "))));
        md.append("## Oversight\n\n");
        table(md, List.of("System", "Requests", "By tier", "Auto-approved", "Pending", "Decided", "SLA breaches",
                "Override rate", "Modification rate", "Relaxations (approved)"), r,
                s -> List.of(n(s.oversight().requests()), map(s.oversight().byTier()), n(s.oversight().autoApproved()),
                        n(s.oversight().pending()), n(s.oversight().decided()), n(s.oversight().slaBreaches()),
                        pct(s.oversight().overrideRate()), pct(s.oversight().modificationRate()),
                        s.oversight().relaxationsProposed() + " (" + s.oversight().relaxationsApproved() + ")"));
        md.append("## Rollouts\n\n");
        table(md, List.of("System", "Rollouts", "Phase events"), r,
                s -> List.of(n(s.rollouts().rollouts()), map(s.rollouts().events())));

        findings(md, "Capability gaps", r.capabilityGaps());
        findings(md, "Roadmap signals", r.roadmapSignals());
        return md.toString();
    }

    private static void table(StringBuilder md, List<String> header, LearningsReport r,
            java.util.function.Function<Section, List<String>> cells) {
        row(md, header);
        md.append('|').append(" --- |".repeat(header.size())).append('\n');
        for (LearningsReport.SystemSection s : r.systems()) {
            row(md, prepend(s.systemKey(), cells.apply(s.numbers())));
        }
        row(md, prepend("**all systems**", cells.apply(r.overall())));
        md.append('\n');
    }

    /** One row per holdout with a reading in the period: its latest reading. */
    private static void holdouts(StringBuilder md, LearningsReport.Holdouts holdouts) {
        md.append("## Holdouts: cumulative impact of what shipped\n\n");
        if (holdouts.readings().isEmpty()) {
            md.append("None in this period.\n\n");
            return;
        }
        List<String> header = List.of("System", "Holdout", "Metric", "Held out", "Units held out / exposed", "Lift",
                "Interval", "p-value", "Advice", "Shipped", "Measured", "Reading");
        row(md, header);
        md.append('|').append(" --- |".repeat(header.size())).append('\n');
        for (LearningsReport.HoldoutReading h : holdouts.readings()) {
            row(md, List.of(h.systemKey(), h.holdoutKey(), text(h.metric()), pct(h.share()),
                    h.heldOutUnits() + " / " + h.exposedUnits(), signed(h.relativeLift()),
                    h.ciLow() == null || h.ciHigh() == null ? "–" : "[" + pct(h.ciLow()) + ", " + pct(h.ciHigh()) + "]",
                    h.pValue() == null ? "–" : h.pValue() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", h.pValue()),
                    text(h.advice()),
                    h.shippedCount() + (h.shipped().isEmpty() ? "" : ": " + String.join(", ", h.shipped())),
                    String.valueOf(h.measuredAt()), h.finalReading() ? "final" : "running"));
        }
        md.append('\n');
    }

    private static void findings(StringBuilder md, String title, List<Finding> findings) {
        md.append("## ").append(title).append("\n\n");
        if (findings.isEmpty()) {
            md.append("None in this period.\n\n");
            return;
        }
        row(md, List.of("System", "Finding", "What it means", "Evidence"));
        md.append("| --- | --- | --- | --- |\n");
        for (Finding f : findings) {
            row(md, List.of(f.systemKey() == null ? "all" : f.systemKey(), "`" + f.code() + "`", f.message(), f.evidence()));
        }
        md.append('\n');
    }

    private static List<String> prepend(String first, List<String> rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        md.append('\n');
    }

    private static String n(int value) {
        return Integer.toString(value);
    }

    private static String dec(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String pct(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String text(String value) {
        return value == null ? "–" : value;
    }

    private static String signed(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%+.1f%%", 100 * share);
    }

    private static String map(Map<String, Integer> counts) {
        return counts.isEmpty() ? "–" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
