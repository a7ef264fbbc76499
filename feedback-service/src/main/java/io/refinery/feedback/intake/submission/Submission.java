package io.refinery.feedback.intake.submission;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A feedback submission whose every field passed {@link SubmissionRules}: defaults filled in ({@code segment}
 * "unknown", {@code locale} "en"), {@code debrief} null unless it came as a debrief. Holds raw text, so
 * {@link #toString()} leaves it out.
 */
public record Submission(String clientId, String systemKey, Channel channel, String segment, String text, Double rating,
        String locale, Instant occurredAt, Map<String, String> source, Debrief debrief) {

    @Override
    public String toString() {
        return "Submission[clientId=" + clientId + ", systemKey=" + systemKey + ", channel=" + channel + "]";
    }

    /** The submission, or every reason it was refused (then {@code submission} is null). */
    public record Checked(Submission submission, List<Issue> issues) {

        static Checked refused(List<Issue> issues) {
            return new Checked(null, List.copyOf(issues));
        }

        public boolean ok() {
            return submission != null;
        }
    }
}
