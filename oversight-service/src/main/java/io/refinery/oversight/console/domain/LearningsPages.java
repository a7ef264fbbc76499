package io.refinery.oversight.console.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.oversight.report.domain.LearningsReports;
import io.refinery.oversight.report.learnings.LearningsReport;
import io.refinery.oversight.report.learnings.LearningsReport.Section;
import io.refinery.oversight.report.learnings.MarkdownReport;
import io.refinery.oversight.report.learnings.ReportPeriods;
import io.smallrye.mutiny.Uni;

/**
 * Loads the learnings page of a period from the learnings report ({@link LearningsReports}, built from the events and
 * reviews this service holds; no other service is called) and turns it into what the page shows.
 */
@ApplicationScoped
public class LearningsPages {

    static final String DASH = "—";
    /** How many quarters back from the current one the picker offers. */
    static final int PICKER_QUARTERS = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final LearningsReports reports;
    private final Clock clock;

    public LearningsPages(LearningsReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    public Uni<LearningsPage> load(LearningsReport.Period period, ConsoleFrame frame) {
        return reports.of(period.from(), period.to(), period.label()).map(r -> of(frame, r, clock.instant()));
    }

    /** The report of the period as Markdown, as the API gives it with {@code Accept: text/markdown}. */
    public Uni<String> markdown(LearningsReport.Period period) {
        return reports.of(period.from(), period.to(), period.label()).map(MarkdownReport::render);
    }

    /** A file name for the Markdown download: {@code learnings-2026-Q4.md}. */
    public static String fileName(LearningsReport.Period period) {
        return "learnings-" + (period.label() != null ? period.label()
                : DAY.format(period.from()) + "-to-" + DAY.format(period.to())) + ".md";
    }

    public static LearningsPage of(ConsoleFrame frame, LearningsReport r, Instant now) {
        LearningsReport.Period p = r.period();
        String base = p.label() != null ? p.label() : ReportPeriods.quarterOf(p.from());
        String last = p.label() != null ? p.label() : ReportPeriods.quarterOf(p.to().minusMillis(1));
        List<LearningsReport.SystemSection> active = r.systems().stream().filter(s -> active(s.numbers())).toList();
        boolean hasData = active(r.overall()) || !r.capabilityGaps().isEmpty() || !r.roadmapSignals().isEmpty();
        String empty = hasData ? null : p.from().isAfter(now)
                ? "This period has not started yet, so nothing is counted. Pick the current or an earlier quarter."
                : "Nothing the report counts happened in this period: no alert, drift detection, experiment, feedback "
                        + "insight, oversight request or rollout was heard. Pick an earlier quarter, or come back later: "
                        + "the report fills as alerts fire, experiments conclude and people review requests.";
        return new LearningsPage(frame, p.label(), periodText(p), shift(base, -1), shift(last, 1),
                quarters(p.label(), now), query(p), hasData, empty, headlines(r.overall()),
                hasData ? LearningsCharts.of(r, active) : List.of(), active.stream().map(LearningsPages::row).toList(),
                r.systems().size() - active.size(), r.overall().holdouts().readings().stream().map(LearningsPages::holdout)
                        .toList(), findings(r.capabilityGaps()), findings(r.roadmapSignals()));
    }

    static List<LearningsPage.Headline> headlines(Section all) {
        LearningsReport.Alerts a = all.alerts();
        LearningsReport.Experiments x = all.experiments();
        LearningsReport.Oversight o = all.oversight();
        List<LearningsPage.Headline> h = new ArrayList<>();
        h.add(new LearningsPage.Headline("alerts-fired", "Alerts fired", n(a.fired()),
                a.resolved() + " resolved, " + a.unresolved() + " unresolved"));
        h.add(new LearningsPage.Headline("alerts-resolution", "Median time to resolve", hours(a.medianHoursToResolution()),
                "over the alerts resolved"));
        h.add(new LearningsPage.Headline("drift", "Drift detections", n(all.drift().detections()),
                all.drift().rejected() + " remediations rejected, " + all.drift().undecided() + " undecided"));
        h.add(new LearningsPage.Headline("experiments-concluded", "Experiments concluded", n(x.concluded()),
                x.started() + " started, " + x.overdue() + " overdue" + apart(x)));
        h.add(new LearningsPage.Headline("win-rate", "Win rate", percent(x.winRate()), "concluded experiments that shipped a variant"));
        h.add(new LearningsPage.Headline("median-lift", "Median lift", lift(x.medianLift()), "of the shipped variants"));
        h.add(new LearningsPage.Headline("inconclusive", "Inconclusive", percent(x.shareInconclusive()),
                x.inconclusive() + " of " + x.concluded() + " concluded"));
        h.add(new LearningsPage.Headline("oversight-requests", "Oversight requests", n(o.requests()),
                o.autoApproved() + " auto-approved, " + o.pending() + " pending, " + o.decided() + " decided by people"));
        h.add(new LearningsPage.Headline("sla-breaches", "SLA breaches", n(o.slaBreaches()), "requests decided late or overdue"));
        h.add(new LearningsPage.Headline("override-rate", "Override rate", percent(o.overrideRate()),
                "rejected, of the requests people decided"));
        h.add(new LearningsPage.Headline("modification-rate", "Modification rate", percent(o.modificationRate()),
                "approved with changes, of the requests people decided"));
        h.add(new LearningsPage.Headline("relaxations", "Relaxations proposed", n(o.relaxationsProposed()),
                o.relaxationsApproved() + " approved"));
        return List.copyOf(h);
    }

    static LearningsPage.SystemRow row(LearningsReport.SystemSection s) {
        Section n = s.numbers();
        return new LearningsPage.SystemRow(s.systemKey(), n.alerts().fired(), n.alerts().resolved(),
                hours(n.alerts().medianHoursToResolution()), n.drift().detections(), n.experiments().concluded(),
                percent(n.experiments().winRate()), lift(n.experiments().medianLift()),
                percent(n.experiments().shareInconclusive()), n.oversight().requests(), n.oversight().slaBreaches(),
                percent(n.oversight().overrideRate()), percent(n.oversight().modificationRate()),
                n.oversight().relaxationsProposed() + " (" + n.oversight().relaxationsApproved() + " approved)");
    }

    /** The A/A tests and holdouts counted apart from the experiments, if any: {@code ; A/A tests: 2 concluded, ...}. */
    static String apart(LearningsReport.Experiments x) {
        String aa = x.aaTestsStarted() + x.aaTestsConcluded() == 0 ? ""
                : "; A/A tests: " + x.aaTestsConcluded() + " concluded, " + x.aaTestsFailed() + " failed";
        String holdouts = x.holdoutsStarted() + x.holdoutsConcluded() == 0 ? ""
                : "; holdouts: " + x.holdoutsStarted() + " started, " + x.holdoutsConcluded() + " concluded";
        return aa + holdouts;
    }

    static LearningsPage.HoldoutRow holdout(LearningsReport.HoldoutReading h) {
        String interval = h.ciLow() == null || h.ciHigh() == null ? DASH : lift(h.ciLow()) + " to " + lift(h.ciHigh());
        String p = h.pValue() == null || !Double.isFinite(h.pValue()) ? DASH
                : h.pValue() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", h.pValue());
        return new LearningsPage.HoldoutRow(h.systemKey(), h.holdoutKey(), h.metric() == null ? DASH : h.metric(),
                percent(h.share()), String.format(Locale.ROOT, "%,d held out, %,d exposed", h.heldOutUnits(),
                        h.exposedUnits()), lift(h.relativeLift()), interval, p,
                h.advice() == null ? DASH : Labels.constant(h.advice()),
                h.shippedCount() + (h.shipped().isEmpty() ? "" : ": " + String.join(", ", h.shipped())),
                Stamp.of(h.measuredAt()), h.finalReading() ? "Final" : "Running");
    }

    /** Whether a section counts anything at all. */
    static boolean active(Section n) {
        LearningsReport.Experiments x = n.experiments();
        return n.alerts().fired() > 0 || n.drift().detections() > 0 || x.started() > 0
                || x.concluded() > 0 || x.overdue() > 0 || x.coverageGapsOpened() > 0
                || x.aaTestsStarted() + x.aaTestsConcluded() + x.holdoutsStarted() + x.holdoutsConcluded() > 0
                || !n.holdouts().readings().isEmpty() || n.feedback().contradictions() > 0
                || !n.feedback().topThemes().isEmpty() || n.oversight().requests() > 0 || n.rollouts().rollouts() > 0
                || !n.rollouts().events().isEmpty();
    }

    /** The quarter {@code by} quarters after {@code quarter} (YYYY-Qn). */
    static String shift(String quarter, int by) {
        LearningsReport.Period p = ReportPeriods.quarter(quarter);
        int year = Integer.parseInt(p.label().substring(0, 4));
        int index = year * 4 + (p.label().charAt(6) - '1') + by;
        return Math.floorDiv(index, 4) + "-Q" + (Math.floorMod(index, 4) + 1);
    }

    static List<LearningsPage.QuarterOption> quarters(String selected, Instant now) {
        String current = ReportPeriods.quarterOf(now);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < PICKER_QUARTERS; i++) {
            values.add(shift(current, -i));
        }
        if (selected != null && !values.contains(selected)) {
            values.add(selected);
            values.sort((x, y) -> y.compareTo(x));
        }
        return values.stream().map(v -> new LearningsPage.QuarterOption(v, v.equals(selected))).toList();
    }

    static String periodText(LearningsReport.Period p) {
        boolean days = isMidnight(p.from()) && isMidnight(p.to());
        String from = days ? DAY.format(p.from()) : Stamp.of(p.from()).text();
        String to = days ? DAY.format(p.to().minusSeconds(1)) : Stamp.of(p.to()).text() + " (exclusive)";
        return from + " to " + to + (days ? " (UTC)" : "");
    }

    static String query(LearningsReport.Period p) {
        return p.label() != null ? "quarter=" + encode(p.label())
                : "from=" + encode(p.from().toString()) + "&to=" + encode(p.to().toString());
    }

    private static List<LearningsPage.FindingRow> findings(List<LearningsReport.Finding> findings) {
        return findings.stream().map(f -> new LearningsPage.FindingRow(f.code(), f.systemKey(), f.message(), f.evidence()))
                .toList();
    }

    /** A share as a percentage ({@code 42.5 %}), "—" where undefined. */
    static String percent(Double share) {
        return share == null || !Double.isFinite(share) ? DASH : number(share * 100) + " %";
    }

    /** A lift with its sign ({@code +4.2 %}). */
    static String lift(Double share) {
        if (share == null || !Double.isFinite(share)) {
            return DASH;
        }
        String p = percent(share);
        return share > 0 && !p.startsWith("0 ") ? "+" + p : p;
    }

    static String hours(Double h) {
        return h == null || !Double.isFinite(h) ? DASH : number(h) + " h";
    }

    private static String n(int value) {
        return Integer.toString(value);
    }

    private static String number(double v) {
        String s = BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return "-0".equals(s) ? "0" : s;
    }

    private static boolean isMidnight(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
