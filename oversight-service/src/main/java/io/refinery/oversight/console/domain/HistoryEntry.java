package io.refinery.oversight.console.domain;

/** One line of a request's history, from the audit log: when, who, what, and the details that matter. */
public record HistoryEntry(long seq, Stamp at, String actor, String action, String details) {
}
