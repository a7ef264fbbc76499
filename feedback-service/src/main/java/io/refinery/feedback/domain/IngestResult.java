package io.refinery.feedback.domain;

import java.util.List;

/** What happened to a batch: stored, already there, or refused with reasons per item index. */
public record IngestResult(int accepted, int duplicates, List<RejectedItem> rejected) {

    public record RejectedItem(int index, List<FieldIssue> errors) {
    }
}
