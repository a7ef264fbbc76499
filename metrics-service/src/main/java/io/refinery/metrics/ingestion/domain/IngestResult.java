package io.refinery.metrics.ingestion.domain;

import java.util.List;
import io.refinery.platform.problem.FieldIssue;

/** What happened to a batch: stored, already there, or refused with reasons per item index. */
public record IngestResult(int accepted, int duplicates, List<RejectedItem> rejected) {

    public record RejectedItem(int index, List<FieldIssue> errors) {
    }
}
