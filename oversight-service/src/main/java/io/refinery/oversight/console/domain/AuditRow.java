package io.refinery.oversight.console.domain;

/** One audit entry as the audit page lists it; {@code details} is the details in one readable line. */
public record AuditRow(long seq, Stamp at, String actor, String action, String code, String systemKey, String subject,
        String subjectHref, String summary, String details) {
}
