package io.refinery.oversight.report.learnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.report.learnings.Facts.ExperimentEvent;
import io.refinery.oversight.report.learnings.Facts.FeedbackKind;
import io.refinery.oversight.report.learnings.LearningsReport.Finding;

class LearningsTest {

    private static final Instant T = Instant.parse("2026-11-02T00:00:00Z");
    private static final LearningsReport.Period Q4 = ReportPeriods.quarter("2026-Q4");

    private static Instant h(int hours) {
        return T.plusSeconds(3600L * hours);
    }

    private static Facts facts(List<Facts.Alert> alerts, List<Facts.Drift> drifts, List<Facts.Experiment> experiments,
            List<Facts.CoverageGap> gaps, List<String> uncovered, List<Facts.Feedback> feedback, List<Facts.Review> reviews) {
        return new Facts(List.of("reco", "pricing"), alerts, drifts, experiments, gaps, uncovered, feedback, reviews, List.of(),
                List.of());
    }

    private static Facts holdouts(List<Facts.HoldoutReading> readings) {
        return new Facts(List.of("reco", "pricing"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), readings);
    }

    private static Facts.HoldoutReading reading(String system, String key, double lift, String advice, Instant at,
            boolean last) {
        return new Facts.HoldoutReading(system, key, "conversion_rate", 0.05, 500, 9500, lift, lift - 0.013, lift + 0.013,
                0.003, advice, List.of("hero-copy:short", "rollout:ranker-v2"), at, last);
    }

    private static List<String> codes(List<Finding> findings, String system) {
        return findings.stream().filter(f -> system.equals(f.systemKey())).map(Finding::code).toList();
    }

    @Test
    void alertResolutionTimesAreMedians() {
        LearningsReport r = Learnings.report(Q4, facts(List.of(
                new Facts.Alert("reco", "a1", "ctr", "CRITICAL", h(0), h(2)),
                new Facts.Alert("reco", "a2", "ctr", "WARNING", h(0), h(10)),
                new Facts.Alert("reco", "a3", "ctr", "WARNING", h(0), h(4)),
                new Facts.Alert("reco", "a4", "ctr", "WARNING", h(0), h(5)),
                new Facts.Alert("pricing", "a5", "margin", "WARNING", h(0), null)), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of()), FindingRules.DEFAULTS);
        assertThat(r.overall().alerts().fired()).isEqualTo(5);
        assertThat(r.overall().alerts().unresolved()).isEqualTo(1);
        assertThat(r.overall().alerts().medianHoursToResolution()).isEqualTo(4.5); // (4 + 5) / 2
        assertThat(r.systems().get(0).systemKey()).isEqualTo("pricing");
        assertThat(r.systems().get(0).numbers().alerts().medianHoursToResolution()).isNull();
        assertThat(r.systems().get(1).numbers().alerts().firedByMetric()).containsEntry("ctr", 4);
    }

    @Test
    void experimentsGiveWinRateMedianLiftAndShareInconclusive() {
        List<Facts.Experiment> events = new ArrayList<>();
        events.add(new Facts.Experiment("reco", "e1", "MODEL_VARIANT", ExperimentEvent.STARTED, null, null, null, h(1)));
        events.add(new Facts.Experiment("reco", "e1", "MODEL_VARIANT", ExperimentEvent.CONCLUDED, "SHIP:b", 0.03, null, h(2)));
        events.add(new Facts.Experiment("reco", "e2", "CONTENT", ExperimentEvent.CONCLUDED, "SHIP:c", 0.07, null, h(3)));
        events.add(new Facts.Experiment("reco", "e3", "CONTENT", ExperimentEvent.CONCLUDED, "SHIP:d", 0.01, null, h(4)));
        events.add(new Facts.Experiment("reco", "e4", "CONTENT", ExperimentEvent.CONCLUDED, "KEEP_CONTROL", null, null, h(5)));
        events.add(new Facts.Experiment("reco", "e5", "CONTENT", ExperimentEvent.CONCLUDED, "INCONCLUSIVE", null, null, h(6)));
        events.add(new Facts.Experiment("reco", "e6", "CONTENT", ExperimentEvent.OVERDUE, null, null, null, h(7)));
        // A/A tests and holdouts never ship: counted apart, not in the win rate, the lifts or the share inconclusive.
        events.add(new Facts.Experiment("reco", "aa1", "AA_TEST", ExperimentEvent.STARTED, null, null, null, h(1)));
        events.add(new Facts.Experiment("reco", "aa1", "AA_TEST", ExperimentEvent.CONCLUDED, "INCONCLUSIVE", null,
                "AA_FAILED", h(8)));
        events.add(new Facts.Experiment("reco", "aa2", "AA_TEST", ExperimentEvent.CONCLUDED, "KEEP_CONTROL", null,
                "AA_PASSED", h(8)));
        events.add(new Facts.Experiment("reco", "aa3", "AA_TEST", ExperimentEvent.OVERDUE, null, null, null, h(8)));
        events.add(new Facts.Experiment("pricing", "hold", "HOLDOUT", ExperimentEvent.STARTED, null, null, null, h(1)));
        events.add(new Facts.Experiment("pricing", "hold", "HOLDOUT", ExperimentEvent.CONCLUDED, "RELEASE", null,
                "IMPACT_POSITIVE", h(9)));
        LearningsReport r = Learnings.report(Q4, facts(List.of(), List.of(), events, List.of(), List.of(), List.of(),
                List.of()), FindingRules.DEFAULTS);
        LearningsReport.Experiments x = r.overall().experiments();
        assertThat(x.concluded()).isEqualTo(5);
        assertThat(x.shipped()).isEqualTo(3);
        assertThat(x.winRate()).isEqualTo(0.6);
        assertThat(x.medianLift()).isEqualTo(0.03);
        assertThat(x.shareInconclusive()).isEqualTo(0.2);
        assertThat(x.overdue()).isEqualTo(1);
        assertThat(x.started()).isEqualTo(1);
        assertThat(x.keptControl()).isEqualTo(1);
        assertThat(x.inconclusive()).isEqualTo(1);
        assertThat(x.aaTestsStarted()).isEqualTo(1);
        assertThat(x.aaTestsConcluded()).isEqualTo(2);
        assertThat(x.aaTestsFailed()).isEqualTo(1);
        assertThat(x.holdoutsStarted()).isEqualTo(1);
        assertThat(x.holdoutsConcluded()).isEqualTo(1);
        LearningsReport.Experiments pricing = r.systems().get(0).numbers().experiments();
        assertThat(pricing.concluded()).isZero();
        assertThat(pricing.started()).isZero();
        assertThat(pricing.winRate()).isNull();
        assertThat(pricing.holdoutsConcluded()).isEqualTo(1);
        assertThat(pricing.aaTestsConcluded()).isZero();
        assertThat(codes(r.roadmapSignals(), "pricing")).isEmpty();
        assertThat(codes(r.roadmapSignals(), "reco")).containsExactly("SCALE_WINNERS");
        assertThat(r.roadmapSignals().get(0).evidence()).isEqualTo("3 of 5 concluded experiments shipped a variant, median lift 3%");
    }

    @Test
    void gapsFollowTheirRules() {
        List<Facts.Drift> drifts = List.of(new Facts.Drift("reco", "DATA", "RETRAIN", h(1), "APPROVE", "RETRAIN"),
                new Facts.Drift("reco", "CONCEPT", "EXPAND_DATA_SOURCES", h(2), null, null),
                new Facts.Drift("reco", "DATA", "RETRAIN", h(3), "MODIFY", "EXPAND_DATA_SOURCES"));
        List<Facts.Review> reviews = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reviews.add(new Facts.Review("pricing", "PRICE_CHANGE", "REVIEW_AND_APPROVAL", i < 4 ? "REJECTED" : "APPROVED",
                    i < 2));
        }
        reviews.add(new Facts.Review("pricing", "PRICE_CHANGE", "EXCEPTION_HANDLING", "AUTO_APPROVED", false));
        LearningsReport r = Learnings.report(Q4, facts(List.of(), drifts, List.of(), List.of(), List.of("pricing"),
                List.of(), reviews), FindingRules.DEFAULTS);
        assertThat(codes(r.capabilityGaps(), "reco")).containsExactly("REPEATED_DRIFT_WITHOUT_RETRAINING");
        assertThat(codes(r.capabilityGaps(), "pricing")).containsExactly("NO_EXPERIMENTS", "TIER_ALWAYS_OVERRIDDEN",
                "SLA_BREACHES");
        assertThat(codes(r.roadmapSignals(), "reco")).containsExactly("EXPAND_DATA_SOURCES");
        LearningsReport.Drift drift = r.systems().get(1).numbers().drift();
        assertThat(drift.chosen()).containsEntry("RETRAIN", 1).containsEntry("EXPAND_DATA_SOURCES", 1);
        assertThat(drift.undecided()).isEqualTo(1);
        LearningsReport.Oversight o = r.systems().get(0).numbers().oversight();
        assertThat(o.requests()).isEqualTo(6);
        assertThat(o.autoApproved()).isEqualTo(1);
        assertThat(o.decided()).isEqualTo(5);
        assertThat(o.overrideRate()).isEqualTo(0.8);
        assertThat(o.slaBreaches()).isEqualTo(2);
        assertThat(o.byTier()).containsEntry("REVIEW_AND_APPROVAL", 5).containsEntry("EXCEPTION_HANDLING", 1);
    }

    @Test
    void conversionAlertsWithoutDiscoveryAlertsSignalContentEnhancement() {
        LearningsReport r = Learnings.report(Q4, facts(List.of(
                new Facts.Alert("reco", "a1", "conversion_rate", "CRITICAL", h(0), h(1)),
                new Facts.Alert("pricing", "a2", "CTR", "WARNING", h(0), h(1))), List.of(), List.of(), List.of(), List.of(),
                List.of(new Facts.Feedback("reco", FeedbackKind.CONTRADICTION, "k", h(1)),
                        new Facts.Feedback("reco", FeedbackKind.CONTRADICTION, "k", h(2)),
                        new Facts.Feedback("reco", FeedbackKind.THEME_SPIKE, "slow delivery", h(3))),
                List.of()), FindingRules.DEFAULTS);
        assertThat(codes(r.roadmapSignals(), "reco")).containsExactly("STRONG_DISCOVERY_WEAK_CONVERSION",
                "CUSTOMER_VOICE_CONTRADICTS_METRICS");
        assertThat(codes(r.roadmapSignals(), "pricing")).containsExactly("WEAK_DISCOVERY");
        assertThat(r.overall().feedback().topThemes()).containsExactly(new LearningsReport.ThemeCount("slow delivery", 1));
    }

    @Test
    void markdownHasATablePerAreaAndTheFindings() {
        LearningsReport r = Learnings.report(Q4, facts(List.of(new Facts.Alert("reco", "a1", "conversion_rate", "CRITICAL",
                h(0), h(3))), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), FindingRules.DEFAULTS);
        String md = MarkdownReport.render(r);
        assertThat(md).startsWith("# Learnings report 2026-Q4\n\nPeriod: 2026-10-01T00:00:00Z to 2027-01-01T00:00:00Z");
        assertThat(md).contains("| reco | 1 | 1 | 0 | 3.0 | conversion_rate 1 |\n| **all systems** | 1 | 1 | 0 | 3.0 |");
        assertThat(md).contains("## Drift", "## Experiments", "## Customer feedback", "## Oversight", "## Rollouts");
        assertThat(md).contains("## Holdouts: cumulative impact of what shipped\n\nNone in this period.");
        assertThat(md).contains("| reco | `STRONG_DISCOVERY_WEAK_CONVERSION` |");
        assertThat(md).contains("## Capability gaps\n\nNone in this period.");
        // six areas and the signals
        assertThat(md.lines().filter(l -> l.startsWith("| ---")).count()).isEqualTo(7);
    }

    @Test
    void eachHoldoutShowsItsLatestReadingInThePeriod() {
        LearningsReport r = Learnings.report(Q4, holdouts(List.of(
                reading("reco", "reco-q4", 0.010, "KEEP_RUNNING", h(24), false),
                reading("reco", "reco-q4", 0.021, "IMPACT_POSITIVE", h(72), false),
                reading("reco", "reco-q4", 0.015, "KEEP_RUNNING", h(48), false),
                reading("pricing", "price-h1", -0.004, "NO_IMPACT_DETECTED", h(5), false),
                reading("pricing", "price-h1", -0.006, "NO_IMPACT_DETECTED", h(30), true),
                reading("pricing", "price-h1", -0.005, "NO_IMPACT_DETECTED", h(30), false))), FindingRules.DEFAULTS);
        List<LearningsReport.HoldoutReading> all = r.overall().holdouts().readings();
        assertThat(all).extracting(LearningsReport.HoldoutReading::holdoutKey).containsExactly("price-h1", "reco-q4");
        LearningsReport.HoldoutReading reco = all.get(1);
        assertThat(reco).isEqualTo(new LearningsReport.HoldoutReading("reco", "reco-q4", "conversion_rate", 0.05, 500,
                9500, 0.021, 0.021 - 0.013, 0.021 + 0.013, 0.003, "IMPACT_POSITIVE", 2,
                List.of("hero-copy:short", "rollout:ranker-v2"), h(72), false));
        // two readings at the same instant: the final one is the latest
        assertThat(all.get(0).relativeLift()).isEqualTo(-0.006);
        assertThat(all.get(0).finalReading()).isTrue();
        assertThat(r.systems().get(0).numbers().holdouts().readings()).containsExactly(all.get(0));
        assertThat(r.systems().get(1).numbers().holdouts().readings()).containsExactly(reco);
        // a holdout read is no experiment, and ended without harm: no signal
        assertThat(r.overall().experiments().concluded()).isZero();
        assertThat(r.roadmapSignals()).isEmpty();
    }

    @Test
    void aHoldoutEndingWithNegativeImpactSignalsThatShippedChangesHurt() {
        LearningsReport r = Learnings.report(Q4, holdouts(List.of(
                reading("reco", "reco-q4", -0.018, "IMPACT_NEGATIVE", h(10), false),
                reading("reco", "reco-q4", -0.021, "IMPACT_NEGATIVE", h(40), true),
                reading("pricing", "price-h1", -0.03, "IMPACT_NEGATIVE", h(40), false))), FindingRules.DEFAULTS);
        assertThat(codes(r.roadmapSignals(), "reco")).containsExactly("SHIPPED_CHANGES_HURT");
        assertThat(codes(r.roadmapSignals(), "pricing")).as("still running: not yet a signal").isEmpty();
        Finding hurt = r.roadmapSignals().get(0);
        assertThat(hurt.message()).startsWith("What shipped, taken together, hurt conversion_rate against the holdout");
        assertThat(hurt.evidence()).isEqualTo("holdout reco-q4 ended: conversion_rate -2.1% [-3.4%, -0.8%] against 5% held "
                + "out (p = 0.003); 2 change(s) shipped: hero-copy:short, rollout:ranker-v2");
    }

    @Test
    void markdownHasAHoldoutsTableAndTheAaTestsApart() {
        List<Facts.Experiment> events = List.of(
                new Facts.Experiment("reco", "aa1", "AA_TEST", ExperimentEvent.CONCLUDED, "INCONCLUSIVE", null, "AA_FAILED", h(1)),
                new Facts.Experiment("reco", "e1", "CONTENT", ExperimentEvent.CONCLUDED, "SHIP:b", 0.04, null, h(2)));
        Facts facts = new Facts(List.of("reco"), List.of(), List.of(), events, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(reading("reco", "reco-q4", 0.021, "IMPACT_POSITIVE", h(72), true)));
        String md = MarkdownReport.render(Learnings.report(Q4, facts, FindingRules.DEFAULTS));
        assertThat(md).contains("| System | Started | Concluded | Shipped | Win rate | Median lift | Inconclusive | Overdue "
                + "| Coverage gaps | A/A tests concluded (failed) | Holdouts started (concluded) |\n")
                .contains("| reco | 0 | 1 | 1 | 100.0% | 4.0% | 0.0% | 0 | 0 | 1 (1) | 0 (0) |\n");
        assertThat(md).contains("## Holdouts: cumulative impact of what shipped\n\n"
                + "| System | Holdout | Metric | Held out | Units held out / exposed | Lift | Interval | p-value | Advice "
                + "| Shipped | Measured | Reading |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
                + "| reco | reco-q4 | conversion_rate | 5.0% | 500 / 9500 | +2.1% | [0.8%, 3.4%] | 0.003 | IMPACT_POSITIVE "
                + "| 2: hero-copy:short, rollout:ranker-v2 | 2026-11-05T00:00:00Z | final |\n");
        assertThat(md.indexOf("## Experiments")).isLessThan(md.indexOf("## Holdouts"));
        assertThat(md.indexOf("## Holdouts")).isLessThan(md.indexOf("## Customer feedback"));
    }

    @Test
    void quartersAreUtcCalendarQuarters() {
        assertThat(ReportPeriods.quarter("2027-Q1").from()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(ReportPeriods.quarter("2027-Q1").to()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
        assertThat(ReportPeriods.quarterOf(Instant.parse("2026-09-30T23:59:59Z"))).isEqualTo("2026-Q3");
        assertThatThrownBy(() -> ReportPeriods.quarter("2026-Q0")).isInstanceOf(IllegalArgumentException.class);
    }
}
