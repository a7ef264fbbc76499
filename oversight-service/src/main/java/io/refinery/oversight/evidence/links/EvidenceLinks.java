package io.refinery.oversight.evidence.links;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The other services' REST endpoints a review's evidence bundle reads, formed from their configured base URLs
 * (no framework imports). The paths are those the services serve:
 * <ul>
 * <li>metrics-service: {@code GET /api/v1/alerts/{id}}, {@code GET /api/v1/systems/{key}/metrics/{metric}/series?from=&to=}
 * (for an alert on estimated performance, {@code GET /api/v1/performance/estimators/{key}/days?from=&to=&metric=}),
 * {@code GET /api/v1/drift/runs?systemKey=&limit=1} (newest first);</li>
 * <li>feedback-service: {@code GET /api/v1/systems/{key}/feedback/summary?from=&to=} (top themes of the period);</li>
 * <li>experiment-service: {@code GET /api/v1/experiments?systemKey=&state=RUNNING} and
 * {@code GET /api/v1/experiments/{key}/results}.</li>
 * </ul>
 * Times are relative to the review's creation, so the bundle shows the facts around the request, not around today.
 */
public final class EvidenceLinks {

    /** Base URLs per service and the periods around a review. */
    public record Bases(String metrics, String experiments, String feedback, Duration seriesBefore, Duration feedbackPeriod) {

        public Bases {
            metrics = trim(metrics);
            experiments = trim(experiments);
            feedback = trim(feedback);
        }

        private static String trim(String url) {
            String u = url.strip();
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            return u;
        }
    }

    /**
     * What a review tells about where to look: from its system and payload (alertId, metric, experimentKey, and the
     * alert's valueSource: ESTIMATED or REALIZED for a rule on a performance estimator's metric, else OBSERVED or null).
     */
    public record Subject(String systemKey, Instant createdAt, String alertId, String metric, String experimentKey,
            String valueSource) {

        /** Whether the alert's metric is a performance estimator's daily value rather than observations. */
        public boolean estimatedPerformance() {
            return "ESTIMATED".equals(valueSource) || "REALIZED".equals(valueSource);
        }
    }

    public record Link(String name, String url) {
    }

    /** How many of the period's newest (redacted) feedback items are read to quote examples per theme. */
    static final int FEEDBACK_EXAMPLES = 200;
    /** How many of a system's newest drift detections the system page lists. */
    public static final int RECENT_DETECTIONS = 10;

    private EvidenceLinks() {
    }

    public static List<Link> of(Bases bases, Subject s) {
        String key = enc(s.systemKey());
        Instant at = s.createdAt().truncatedTo(ChronoUnit.SECONDS);
        List<Link> links = new ArrayList<>();
        if (s.alertId() != null) {
            links.add(new Link("alert", bases.metrics() + "/api/v1/alerts/" + enc(s.alertId())));
        }
        if (s.metric() != null && s.estimatedPerformance()) {
            LocalDate last = LocalDate.ofInstant(at, ZoneOffset.UTC);
            links.add(new Link("metricSeries", bases.metrics() + "/api/v1/performance/estimators/" + key + "/days?from="
                    + last.plusDays(1).minusDays(bases.seriesBefore().toDays()) + "&to=" + last + "&metric=" + enc(s.metric())));
        } else if (s.metric() != null) {
            Instant to = at.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
            links.add(new Link("metricSeries", bases.metrics() + "/api/v1/systems/" + key + "/metrics/" + enc(s.metric())
                    + "/series?from=" + enc(to.minus(bases.seriesBefore()).toString()) + "&to=" + enc(to.toString())));
        }
        links.add(new Link("latestDrift", bases.metrics() + "/api/v1/drift/runs?systemKey=" + key + "&limit=1"));
        links.add(new Link("feedbackThemes", bases.feedback() + "/api/v1/systems/" + key + "/feedback/summary?from="
                + enc(at.minus(bases.feedbackPeriod()).toString()) + "&to=" + enc(at.plusSeconds(1).toString())));
        links.add(new Link("feedbackExamples", bases.feedback() + "/api/v1/feedback?systemKey=" + key + "&from="
                + enc(at.minus(bases.feedbackPeriod()).toString()) + "&to=" + enc(at.plusSeconds(1).toString())
                + "&limit=" + FEEDBACK_EXAMPLES));
        links.add(new Link("runningExperiments", bases.experiments() + "/api/v1/experiments?systemKey=" + key + "&state=RUNNING"));
        if (s.experimentKey() != null) {
            links.add(new Link("experimentResults", bases.experiments() + "/api/v1/experiments/" + enc(s.experimentKey())
                    + "/results"));
        }
        return links;
    }

    /**
     * The system page's reads beyond a request's bundle: the system's drift monitors ({@code driftMonitors}), its recent
     * drift detections with their remediations ({@code driftDetections}) and the feedback of the last
     * {@code sentimentDays} days by customer segment ({@code sentimentBySegment}).
     */
    public static List<Link> system(Bases bases, String systemKey, Instant now, Duration sentimentPeriod) {
        String key = enc(systemKey);
        Instant to = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return List.of(
                new Link("driftMonitors", bases.metrics() + "/api/v1/drift/monitors?systemKey=" + key + "&limit=50"),
                new Link("driftDetections", bases.metrics() + "/api/v1/drift/detections?systemKey=" + key + "&limit="
                        + RECENT_DETECTIONS),
                new Link("sentimentBySegment", bases.feedback() + "/api/v1/systems/" + key + "/feedback/summary?from="
                        + enc(to.minus(sentimentPeriod).toString()) + "&to=" + enc(to.toString()) + "&groupBy=segment"));
    }

    /**
     * The experiment page's two reads of experiment-service: the experiment ({@code experiment}, its hypothesis and
     * planned size) and its results ({@code experimentResults}).
     */
    public static List<Link> experiment(Bases bases, String experimentKey) {
        String base = bases.experiments() + "/api/v1/experiments/" + enc(experimentKey);
        return List.of(new Link("experiment", base), new Link("experimentResults", base + "/results"));
    }

    /** A path segment or query value, percent-encoded (space as %20, never +). */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
