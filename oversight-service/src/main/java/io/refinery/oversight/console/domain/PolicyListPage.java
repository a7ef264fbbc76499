package io.refinery.oversight.console.domain;

import java.util.List;

/** The policies page: every registered AI system with the policy version in force, or the default policy. */
public record PolicyListPage(ConsoleFrame frame, List<Row> rows, boolean truncated) {

    /** One system; {@code version} is null when nobody wrote a policy for it (the default policy applies). */
    public record Row(String key, String name, Integer version, int rules, String changedBy, Stamp changed) {
    }
}
