package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * One panel of a review's evidence: what one of the other services says about the request. A part that service did
 * not give (down, slow, refusing) is a {@code notice} on this panel only, never an error page.
 *
 * @param key       a stable id for the page ({@code alert}, {@code drift}, ...)
 * @param title     the panel's heading
 * @param source    which service the facts come from
 * @param notice    why some or all of the facts are missing, or null
 * @param chart     a chart of the facts, or null
 * @param content   the facts as fields and tables
 * @param emptyText what to say when the service answered with nothing to show, or null
 * @param links     console pages about what the panel lists (e.g. each experiment's page)
 * @param themes    feedback themes with quoted (redacted) examples, for the feedback panel
 */
public record EvidencePanel(String key, String title, String source, String notice, Chart chart, ReadableJson content,
        String emptyText, List<Link> links, List<ThemeExamples> themes) {

    public EvidencePanel(String key, String title, String source, String notice, Chart chart, ReadableJson content,
            String emptyText) {
        this(key, title, source, notice, chart, content, emptyText, List.of());
    }

    public EvidencePanel(String key, String title, String source, String notice, Chart chart, ReadableJson content,
            String emptyText, List<Link> links) {
        this(key, title, source, notice, chart, content, emptyText, links, List.of());
    }

    /** A theme customers raised, how often in the period, and a few of their comments (redacted at intake). */
    public record ThemeExamples(String theme, long count, List<Example> examples) {
    }

    /** One quoted comment: its text (shortened), where it came from, the customer segment and its sentiment. */
    public record Example(String text, String channel, String segment, String sentiment, Stamp at) {
    }

    /** A link to a console page; {@code href} is already encoded. */
    public record Link(String href, String text) {

        /** The experiment page of {@code experimentKey}. */
        static Link experiment(String experimentKey) {
            return new Link("/console/experiments/" + java.net.URLEncoder.encode(experimentKey,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), experimentKey);
        }
    }

    /**
     * A drawn chart with the same values as a table, for readers who do not see it; {@code key} says how to read it
     * (what the shading, points and lines mean), or is null.
     */
    public record Chart(String svg, String caption, String key, List<String> columns, List<List<String>> rows) {
    }

    /** A panel whose service did not answer. */
    static EvidencePanel unavailable(String key, String title, String source, String reason) {
        return new EvidencePanel(key, title, source, unavailableNotice(source, reason), null, ReadableJson.EMPTY, null);
    }

    static String unavailableNotice(String source, String reason) {
        return source + " could not be reached for this panel (" + (reason == null ? "no answer" : reason)
                + "). The rest of the page is unaffected; reload to try again.";
    }
}
