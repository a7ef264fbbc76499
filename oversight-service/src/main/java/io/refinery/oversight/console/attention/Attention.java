package io.refinery.oversight.console.attention;

import java.util.Comparator;

/**
 * What one AI system asks of people now: its overdue and pending reviews, its open alerts and its drift detections of
 * the recent window. The portfolio lists the systems by {@link #ORDER}; {@link #level()} names the most urgent reason.
 *
 * @param systemKey the system, the last tie-breaker so the order is stable
 * @param overdue   pending reviews past their due time (SLA breaches)
 * @param openAlerts alerts fired and not resolved since
 * @param pending   pending reviews, overdue ones included
 * @param drift     drift detections in the recent window
 */
public record Attention(String systemKey, long overdue, long openAlerts, long pending, long drift) {

    /** Most attention first: overdue, then open alerts, then pending reviews, then drift, then by key. */
    public static final Comparator<Attention> ORDER = Comparator.comparingLong(Attention::overdue).reversed()
            .thenComparing(Comparator.comparingLong(Attention::openAlerts).reversed())
            .thenComparing(Comparator.comparingLong(Attention::pending).reversed())
            .thenComparing(Comparator.comparingLong(Attention::drift).reversed())
            .thenComparing(Attention::systemKey);

    public Attention {
        if (overdue < 0 || openAlerts < 0 || pending < 0 || drift < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (overdue > pending) {
            throw new IllegalArgumentException("overdue reviews are pending reviews: " + overdue + " > " + pending);
        }
    }

    /** The most urgent reason to look at the system. */
    public Level level() {
        if (overdue > 0) {
            return Level.OVERDUE;
        }
        if (openAlerts > 0) {
            return Level.ALERTING;
        }
        if (pending > 0 || drift > 0) {
            return Level.WATCH;
        }
        return Level.CALM;
    }

    /** Attention levels, each with a label (so colour is never the only sign) and a CSS suffix. */
    public enum Level {
        OVERDUE("overdue", "Reviews overdue"), ALERTING("alerting", "Open alerts"), WATCH("watch", "Watch"),
        CALM("calm", "Calm");

        private final String css;
        private final String label;

        Level(String css, String label) {
            this.css = css;
            this.label = label;
        }

        public String css() {
            return css;
        }

        public String label() {
            return label;
        }
    }
}
