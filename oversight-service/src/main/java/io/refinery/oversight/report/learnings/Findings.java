package io.refinery.oversight.report.learnings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.refinery.oversight.report.learnings.LearningsReport.Finding;

/**
 * Capability gaps and roadmap signals, each from one documented rule over a system's facts of the period:
 *
 * <p>Capability gaps
 * <ul>
 *   <li>{@code REPEATED_DRIFT_WITHOUT_RETRAINING}: at least {@code repeatedDrift} drift detections and no MODEL_VARIANT
 *       experiment started (nothing tests a retrained model).</li>
 *   <li>{@code NO_EXPERIMENTS}: a coverage gap opened in the period, or the system had no running experiment at its
 *       end (the seed: every AI system should have at least one experiment running at all times).</li>
 *   <li>{@code TIER_ALWAYS_OVERRIDDEN}: an action type whose people-decided requests (at least
 *       {@code minDecisionsForOverride}) were rejected or modified at {@code overriddenRate} or more: the AI's
 *       proposals in that area are not trusted.</li>
 *   <li>{@code SLA_BREACHES}: a tier where at least {@code slaBreachRate} of the requests (at least
 *       {@code minReviewsForSla}) breached their SLA: too few reviewers for the load.</li>
 *   <li>{@code SLOW_ALERT_RESOLUTION}: the median time to resolve alerts exceeds {@code slowResolutionHours}.</li>
 * </ul>
 *
 * <p>Roadmap signals
 * <ul>
 *   <li>{@code STRONG_DISCOVERY_WEAK_CONVERSION}: alerts on conversion metrics and none on discovery metrics →
 *       content enhancement (the seed's example).</li>
 *   <li>{@code WEAK_DISCOVERY}: alerts on discovery metrics and none on conversion metrics → relevance work.</li>
 *   <li>{@code EXPAND_DATA_SOURCES}: at least {@code repeatedDataSourceDrift} drifts whose recommended or chosen
 *       remediation is EXPAND_DATA_SOURCES → budget for new data sources.</li>
 *   <li>{@code SCALE_WINNERS}: at least {@code minConcluded} concluded experiments with a win rate of {@code winRate}
 *       or more → phased rollouts of the winners.</li>
 *   <li>{@code UNDERPOWERED_EXPERIMENTS}: at least {@code minConcluded} concluded with {@code inconclusiveShare} or
 *       more inconclusive → more traffic per test, bolder variants or fewer tests at once.</li>
 *   <li>{@code CUSTOMER_VOICE_CONTRADICTS_METRICS}: at least {@code repeatedContradictions} contradictions → a metric
 *       misses what customers say; add it as a guardrail.</li>
 *   <li>{@code SHIPPED_CHANGES_HURT}: a holdout ended in the period (its final reading) with advice IMPACT_NEGATIVE:
 *       what shipped on the system since it began, taken together, made its metric worse than for the held-out units
 *       → revisit the shipped changes and how experiments judge a win (one per such holdout).</li>
 * </ul>
 *
 * <p>Experiment counts in these rules are of tests of treatments only: A/A tests and holdouts are counted apart.
 */
final class Findings {

    static final String IMPACT_NEGATIVE = "IMPACT_NEGATIVE";

    private Findings() {
    }

    static List<Finding> gaps(String system, Facts f, FindingRules rules) {
        List<Finding> gaps = new ArrayList<>();
        long retrainingExperiments = f.experiments().stream()
                .filter(e -> e.event() == Facts.ExperimentEvent.STARTED && "MODEL_VARIANT".equals(e.kind())).count();
        if (f.drifts().size() >= rules.repeatedDrift() && retrainingExperiments == 0) {
            gaps.add(new Finding("REPEATED_DRIFT_WITHOUT_RETRAINING", system,
                    "Drift keeps coming back but no model-variant experiment tests a retrained model",
                    f.drifts().size() + " drift detections, 0 MODEL_VARIANT experiments started"));
        }
        long started = f.experiments().stream()
                .filter(e -> e.event() == Facts.ExperimentEvent.STARTED && !e.aaTest() && !e.holdout()).count();
        long gapsOpened = f.coverageGaps().stream().filter(Facts.CoverageGap::opened).count();
        boolean uncovered = !f.uncoveredAtEnd().isEmpty();
        if (gapsOpened > 0 || uncovered) {
            gaps.add(new Finding("NO_EXPERIMENTS", system,
                    "The system went without a running experiment: nothing is being improved or verified",
                    started + " experiment(s) started, " + gapsOpened + " coverage gap(s) opened"
                            + (uncovered ? ", none running at the end of the period" : ", covered again by the end")));
        }
        Map<String, int[]> byAction = new HashMap<>();
        Map<String, int[]> byTier = new HashMap<>();
        for (Facts.Review r : f.reviews()) {
            boolean byPeople = !r.state().equals("AUTO_APPROVED") && !r.state().equals("PENDING");
            if (byPeople) {
                int[] c = byAction.computeIfAbsent(r.actionType(), k -> new int[2]);
                c[0]++;
                if (r.state().equals("REJECTED") || r.state().equals("MODIFIED")) {
                    c[1]++;
                }
            }
            int[] t = byTier.computeIfAbsent(r.tier(), k -> new int[2]);
            t[0]++;
            if (r.breachedSla()) {
                t[1]++;
            }
        }
        byAction.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int[] c = e.getValue();
            if (c[0] >= rules.minDecisionsForOverride() && (double) c[1] / c[0] >= rules.overriddenRate()) {
                gaps.add(new Finding("TIER_ALWAYS_OVERRIDDEN", system,
                        "Reviewers reject or modify almost every " + e.getKey() + " proposal: revisit the model or the policy",
                        c[1] + " of " + c[0] + " decisions overrode the AI (" + percent((double) c[1] / c[0]) + ")"));
            }
        });
        byTier.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int[] t = e.getValue();
            if (t[0] >= rules.minReviewsForSla() && (double) t[1] / t[0] >= rules.slaBreachRate()) {
                gaps.add(new Finding("SLA_BREACHES", system,
                        "Requests of tier " + e.getKey() + " miss their SLA: reviewer capacity is short",
                        t[1] + " of " + t[0] + " requests breached their SLA (" + percent((double) t[1] / t[0]) + ")"));
            }
        });
        Double ttr = Sections.alerts(f.alerts()).medianHoursToResolution();
        if (ttr != null && ttr > rules.slowResolutionHours()) {
            gaps.add(new Finding("SLOW_ALERT_RESOLUTION", system, "Alerts take long to resolve",
                    String.format(Locale.ROOT, "median time to resolution %.1f h (threshold %.0f h)", ttr,
                            rules.slowResolutionHours())));
        }
        return gaps;
    }

    static List<Finding> signals(String system, Facts f, FindingRules rules) {
        List<Finding> signals = new ArrayList<>();
        long conversion = alertsOn(f, rules.conversionMetrics());
        long discovery = alertsOn(f, rules.discoveryMetrics());
        if (conversion > 0 && discovery == 0) {
            signals.add(new Finding("STRONG_DISCOVERY_WEAK_CONVERSION", system,
                    "Strong discovery, weak conversion → content enhancement (product content, pricing clarity, checkout)",
                    conversion + " alert(s) on conversion metrics, none on discovery metrics"));
        } else if (discovery > 0 && conversion == 0) {
            signals.add(new Finding("WEAK_DISCOVERY", system,
                    "Weak discovery → relevance work (recommendation and search models, personalization depth)",
                    discovery + " alert(s) on discovery metrics, none on conversion metrics"));
        }
        long dataSources = f.drifts().stream().filter(d -> "EXPAND_DATA_SOURCES".equals(d.recommended())
                || "EXPAND_DATA_SOURCES".equals(d.chosen())).count();
        if (dataSources >= rules.repeatedDataSourceDrift()) {
            signals.add(new Finding("EXPAND_DATA_SOURCES", system,
                    "Drift concentrates where the model lacks signals → budget for new data sources",
                    dataSources + " drift detections pointed at EXPAND_DATA_SOURCES"));
        }
        LearningsReport.Experiments x = Sections.experiments(f.experiments(), f.coverageGaps());
        if (x.concluded() >= rules.minConcluded() && x.winRate() >= rules.winRate()) {
            signals.add(new Finding("SCALE_WINNERS", system,
                    "Experiments keep finding winners → scale them with phased rollouts",
                    x.shipped() + " of " + x.concluded() + " concluded experiments shipped a variant"
                            + (x.medianLift() == null ? "" : ", median lift " + percent(x.medianLift()))));
        }
        if (x.concluded() >= rules.minConcluded() && x.shareInconclusive() >= rules.inconclusiveShare()) {
            signals.add(new Finding("UNDERPOWERED_EXPERIMENTS", system,
                    "Too many experiments end inconclusive → more traffic per test, bolder variants, or fewer tests at once",
                    x.inconclusive() + " of " + x.concluded() + " concluded experiments were inconclusive"));
        }
        long contradictions = f.feedback().stream().filter(i -> i.kind() == Facts.FeedbackKind.CONTRADICTION).count();
        if (contradictions >= rules.repeatedContradictions()) {
            signals.add(new Finding("CUSTOMER_VOICE_CONTRADICTS_METRICS", system,
                    "Customers keep saying what the metrics miss → add a metric or guardrail for it",
                    contradictions + " contradictions between metrics and feedback"));
        }
        for (LearningsReport.HoldoutReading h : Sections.holdouts(f.holdoutReadings()).readings()) {
            if (h.finalReading() && IMPACT_NEGATIVE.equals(h.advice())) {
                signals.add(new Finding("SHIPPED_CHANGES_HURT", system,
                        "What shipped, taken together, hurt " + h.metric() + " against the holdout → revisit the shipped "
                                + "changes and how experiments judge a win (novelty effects, interactions, the metric)",
                        holdoutEvidence(h)));
            }
        }
        return signals;
    }

    /** {@code holdout reco-q4 ended: conversion_rate -1.8% [-3.0%, -0.6%] against 5% held out (p = 0.004); 2 ...}. */
    private static String holdoutEvidence(LearningsReport.HoldoutReading h) {
        StringBuilder e = new StringBuilder("holdout ").append(h.holdoutKey()).append(" ended: ").append(h.metric())
                .append(' ').append(h.relativeLift() == null ? "no lift measured"
                        : String.format(Locale.ROOT, "%+.1f%%", 100 * h.relativeLift()));
        if (h.ciLow() != null && h.ciHigh() != null) {
            e.append(String.format(Locale.ROOT, " [%.1f%%, %.1f%%]", 100 * h.ciLow(), 100 * h.ciHigh()));
        }
        double held = 100 * h.share();
        e.append(String.format(Locale.ROOT, held == Math.rint(held) ? " against %.0f%% held out" : " against %.1f%% held out",
                held));
        if (h.pValue() != null) {
            e.append(String.format(Locale.ROOT, " (p = %.3f)", h.pValue()));
        }
        e.append("; ").append(h.shippedCount()).append(" change(s) shipped");
        if (!h.shipped().isEmpty()) {
            e.append(": ").append(String.join(", ", h.shipped()));
        }
        return e.toString();
    }

    private static long alertsOn(Facts f, Set<String> metrics) {
        return f.alerts().stream().filter(a -> a.metric() != null && metrics.contains(a.metric().toLowerCase(Locale.ROOT)))
                .count();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
