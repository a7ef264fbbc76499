package io.refinery.oversight.report.learnings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.refinery.oversight.report.learnings.LearningsReport.Alerts;
import io.refinery.oversight.report.learnings.LearningsReport.Drift;
import io.refinery.oversight.report.learnings.LearningsReport.Experiments;
import io.refinery.oversight.report.learnings.LearningsReport.Feedback;
import io.refinery.oversight.report.learnings.LearningsReport.HoldoutReading;
import io.refinery.oversight.report.learnings.LearningsReport.Holdouts;
import io.refinery.oversight.report.learnings.LearningsReport.Oversight;
import io.refinery.oversight.report.learnings.LearningsReport.Rollouts;
import io.refinery.oversight.report.learnings.LearningsReport.Section;
import io.refinery.oversight.report.learnings.LearningsReport.ThemeCount;

/** The numbers of one section of the report, over whichever facts it is given (all systems, or one). */
final class Sections {

    static final int TOP_THEMES = 5;
    static final String RELAXATION = "OVERSIGHT_RELAXATION";

    private Sections() {
    }

    static Section of(Facts f) {
        return new Section(alerts(f.alerts()), drift(f.drifts()), experiments(f.experiments(), f.coverageGaps()),
                holdouts(f.holdoutReadings()), feedback(f.feedback()), oversight(f.reviews()), rollouts(f.rollouts()));
    }

    static Alerts alerts(List<Facts.Alert> alerts) {
        List<Double> hours = new ArrayList<>();
        for (Facts.Alert a : alerts) {
            if (a.resolvedAt() != null) {
                hours.add(Duration.between(a.firedAt(), a.resolvedAt()).toSeconds() / 3600.0);
            }
        }
        return new Alerts(alerts.size(), hours.size(), alerts.size() - hours.size(), median(hours),
                count(alerts, Facts.Alert::metric));
    }

    static Drift drift(List<Facts.Drift> drifts) {
        List<Facts.Drift> chosen = drifts.stream().filter(d -> d.chosen() != null).toList();
        int rejected = (int) drifts.stream().filter(d -> "REJECT".equals(d.outcome())).count();
        int undecided = (int) drifts.stream().filter(d -> d.outcome() == null).count();
        return new Drift(drifts.size(), count(drifts, Facts.Drift::kind), count(drifts, Facts.Drift::recommended),
                count(chosen, Facts.Drift::chosen), rejected, undecided);
    }

    /** Tests of treatments counted as experiments; A/A tests and holdouts apart ({@link Experiments}). */
    static Experiments experiments(List<Facts.Experiment> events, List<Facts.CoverageGap> gaps) {
        int started = 0;
        int concluded = 0;
        int shipped = 0;
        int keptControl = 0;
        int inconclusive = 0;
        int overdue = 0;
        List<Double> lifts = new ArrayList<>();
        for (Facts.Experiment e : events) {
            if (e.aaTest() || e.holdout()) {
                continue;
            }
            switch (e.event()) {
                case STARTED -> started++;
                case OVERDUE -> overdue++;
                case CONCLUDED -> {
                    concluded++;
                    String decision = e.decision() == null ? "" : e.decision();
                    if (decision.startsWith("SHIP:")) {
                        shipped++;
                        if (e.lift() != null) {
                            lifts.add(e.lift());
                        }
                    } else if (decision.equals("KEEP_CONTROL")) {
                        keptControl++;
                    } else {
                        inconclusive++;
                    }
                }
                default -> {
                }
            }
        }
        int gapsOpened = (int) gaps.stream().filter(Facts.CoverageGap::opened).count();
        return new Experiments(started, concluded, shipped, keptControl, inconclusive, rate(shipped, concluded),
                median(lifts), rate(inconclusive, concluded), overdue, gapsOpened,
                tally(events, e -> e.aaTest() && e.event() == Facts.ExperimentEvent.STARTED),
                tally(events, e -> e.aaTest() && e.event() == Facts.ExperimentEvent.CONCLUDED),
                tally(events, e -> e.aaTest() && e.event() == Facts.ExperimentEvent.CONCLUDED
                        && Facts.AA_FAILED.equals(e.advice())),
                tally(events, e -> e.holdout() && e.event() == Facts.ExperimentEvent.STARTED),
                tally(events, e -> e.holdout() && e.event() == Facts.ExperimentEvent.CONCLUDED));
    }

    /**
     * Each holdout's latest reading in the period (by its measuredAt; at the same instant the final reading), in
     * order of system and holdout key.
     */
    static Holdouts holdouts(List<Facts.HoldoutReading> readings) {
        Map<List<String>, Facts.HoldoutReading> latest = new HashMap<>();
        Comparator<Facts.HoldoutReading> order = Comparator.comparing(Facts.HoldoutReading::measuredAt)
                .thenComparing(Facts.HoldoutReading::finalReading);
        for (Facts.HoldoutReading r : readings) {
            latest.merge(List.of(r.systemKey(), r.holdoutKey()), r, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        return new Holdouts(latest.values().stream().sorted(Comparator.comparing(Facts.HoldoutReading::systemKey)
                .thenComparing(Facts.HoldoutReading::holdoutKey)).map(r -> new HoldoutReading(r.systemKey(), r.holdoutKey(),
                r.metric(), r.share(), r.heldOutUnits(), r.exposedUnits(), r.relativeLift(), r.ciLow(), r.ciHigh(),
                r.pValue(), r.advice(), r.shipped().size(), r.shipped(), r.measuredAt(), r.finalReading())).toList());
    }

    static Feedback feedback(List<Facts.Feedback> insights) {
        List<Facts.Feedback> contradictions = insights.stream()
                .filter(i -> i.kind() == Facts.FeedbackKind.CONTRADICTION).toList();
        Map<String, Integer> spikes = count(insights.stream().filter(i -> i.kind() == Facts.FeedbackKind.THEME_SPIKE).toList(),
                Facts.Feedback::subject);
        List<ThemeCount> top = spikes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_THEMES).map(e -> new ThemeCount(e.getKey(), e.getValue())).toList();
        return new Feedback(contradictions.size(), count(contradictions, Facts.Feedback::subject), top);
    }

    static Oversight oversight(List<Facts.Review> reviews) {
        int auto = 0;
        int pending = 0;
        int rejected = 0;
        int modified = 0;
        int breaches = 0;
        int relaxations = 0;
        int relaxationsApproved = 0;
        for (Facts.Review r : reviews) {
            switch (r.state()) {
                case "AUTO_APPROVED" -> auto++;
                case "PENDING" -> pending++;
                case "REJECTED" -> rejected++;
                case "MODIFIED" -> modified++;
                default -> {
                }
            }
            if (r.breachedSla()) {
                breaches++;
            }
            if (RELAXATION.equals(r.actionType())) {
                relaxations++;
                if (r.state().equals("APPROVED") || r.state().equals("MODIFIED")) {
                    relaxationsApproved++;
                }
            }
        }
        int decided = reviews.size() - auto - pending;
        return new Oversight(reviews.size(), count(reviews, Facts.Review::tier), auto, pending, decided, breaches,
                rate(rejected, decided), rate(modified, decided), relaxations, relaxationsApproved);
    }

    static Rollouts rollouts(List<Facts.Rollout> events) {
        Set<String> keys = new HashSet<>();
        events.forEach(e -> keys.add(e.systemKey() + "/" + e.rolloutKey()));
        return new Rollouts(keys.size(), count(events, Facts.Rollout::what));
    }

    static <T> Map<String, Integer> count(List<T> items, Function<T, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        for (T item : items) {
            String k = key.apply(item);
            counts.merge(k == null ? "(none)" : k, 1, Integer::sum);
        }
        return counts;
    }

    static <T> int tally(List<T> items, Predicate<T> which) {
        return (int) items.stream().filter(which).count();
    }

    static Double rate(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** The median (the mean of the two middle values for an even count), or null for none. */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
