package io.refinery.oversight.console.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.refinery.oversight.console.charts.BarChart;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.report.learnings.LearningsReport;
import io.refinery.oversight.report.learnings.LearningsReport.Section;

/** The learnings page's bar charts, drawn from the report: each with a caption, or a line saying it has nothing. */
final class LearningsCharts {

    private LearningsCharts() {
    }

    static List<LearningsPage.Chart> of(LearningsReport report, List<LearningsReport.SystemSection> active) {
        Section all = report.overall();
        return List.of(tiers(all), outcomes(all), systems(active), remediations(all));
    }

    /** (a) Oversight requests by tier, in the tiers' order from lightest to most conservative. */
    static LearningsPage.Chart tiers(Section all) {
        List<BarChart.Group> groups = new ArrayList<>();
        Comparator<Map.Entry<String, Integer>> byTier = Comparator.comparing(e -> order(e.getKey()));
        all.oversight().byTier().entrySet().stream().sorted(byTier.thenComparing(Map.Entry::getKey))
                .forEach(e -> groups.add(BarChart.Group.of(Labels.constant(e.getKey()), e.getValue())));
        return chart("chart-tiers", "Oversight requests by tier", "Requests", groups,
                "Requests submitted in the period, by the tier their system's policy gave them ("
                        + all.oversight().requests() + " in all, " + all.oversight().autoApproved() + " auto-approved)",
                "No oversight request was submitted in this period.");
    }

    /** (b) How the concluded experiments ended. */
    static LearningsPage.Chart outcomes(Section all) {
        LearningsReport.Experiments x = all.experiments();
        List<BarChart.Group> groups = x.shipped() + x.keptControl() + x.inconclusive() == 0 ? List.of()
                : List.of(BarChart.Group.of("Shipped a variant", x.shipped()),
                        BarChart.Group.of("Kept control", x.keptControl()),
                        BarChart.Group.of("Inconclusive", x.inconclusive()));
        return chart("chart-outcomes", "Experiment outcomes", "Experiments", groups,
                "Experiments concluded in the period (" + x.concluded() + ") by their decision",
                "No experiment concluded in this period.");
    }

    /** (c) Alerts fired and drift detections per system with any. */
    static LearningsPage.Chart systems(List<LearningsReport.SystemSection> active) {
        List<BarChart.Group> groups = new ArrayList<>();
        for (LearningsReport.SystemSection s : active) {
            int fired = s.numbers().alerts().fired();
            int drift = s.numbers().drift().detections();
            if (fired + drift > 0) {
                groups.add(new BarChart.Group(s.systemKey(), List.of((double) fired, (double) drift)));
            }
        }
        return new LearningsPage.Chart("chart-systems", "Alerts fired and drift detections per system",
                groups.isEmpty() ? null : new BarChart("chart-systems", "Alerts fired and drift detections per system",
                        List.of("Alerts fired", "Drift detections"), groups).render(),
                "Per AI system: alerts fired (first bar) and drift detections (second bar) in the period",
                "No alert fired and no drift was detected in this period.");
    }

    /** (d) The remediations drift detections recommended against those reviewers chose. */
    static LearningsPage.Chart remediations(Section all) {
        LearningsReport.Drift d = all.drift();
        List<BarChart.Group> groups = new ArrayList<>();
        for (String action : new TreeSet<>(union(d.recommended(), d.chosen()))) {
            groups.add(new BarChart.Group(Labels.constant(action), List.of(
                    (double) d.recommended().getOrDefault(action, 0), (double) d.chosen().getOrDefault(action, 0))));
        }
        return new LearningsPage.Chart("chart-remediations", "Drift remediations: recommended and chosen",
                groups.isEmpty() ? null : new BarChart("chart-remediations", "Drift remediations: recommended and chosen",
                        List.of("Recommended", "Chosen by reviewers"), groups).render(),
                "Per remediation: how often drift detection recommended it (first bar) and how often reviewers chose it "
                        + "(second bar); " + d.rejected() + " rejected, " + d.undecided() + " not decided yet",
                "No drift was detected in this period.");
    }

    private static LearningsPage.Chart chart(String id, String title, String series, List<BarChart.Group> groups,
            String caption, String emptyText) {
        String svg = groups.isEmpty() ? null : BarChart.single(id, title, series, groups).render();
        return new LearningsPage.Chart(id, title, svg, caption, emptyText);
    }

    private static int order(String tier) {
        for (Tier t : Tier.values()) {
            if (t.name().equals(tier)) {
                return t.ordinal();
            }
        }
        return Tier.values().length;
    }

    private static List<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
