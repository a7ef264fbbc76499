package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * The audit page: the hash chain's verification, then entries newest first, optionally of one system, with links to
 * the older and newer pages (cursors are the entries' sequence numbers).
 */
public record AuditPage(ConsoleFrame frame, Verification verification, String system, List<String> systems,
        List<AuditRow> entries, String olderHref, String newerHref) {

    /** {@code ok} with the number of entries checked, or the first broken link and why. */
    public record Verification(boolean ok, long checked, Long brokenSeq, String reason) {
    }
}
