package io.refinery.platform.messaging;

/** How a consumer treats a failure (DESIGN.md section 4). */
public enum FailureKind {
    /** The database or broker is unreachable, timed out or asked for a retry: retried until it succeeds. */
    TRANSIENT,
    /** The record can never succeed (unreadable, invalid, refused by a data constraint): dead-lettered at once. */
    POISON,
    /** Neither of the above (a defect): retried a few times, then dead-lettered, from where it can be replayed. */
    UNEXPECTED
}
