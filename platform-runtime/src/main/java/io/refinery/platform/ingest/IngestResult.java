package io.refinery.platform.ingest;

import java.util.List;

import io.refinery.platform.problem.FieldIssue;

/**
 * What happened to a batch of items (observations, samples, exposures, outcomes, feedback): how many were stored,
 * how many were already there (a replay changes nothing), and each refused item with its reasons, by its index.
 */
public record IngestResult(int accepted, int duplicates, List<RejectedItem> rejected) {

    /** A refused item: its position in the batch, from 0, and every field at fault. */
    public record RejectedItem(int index, List<FieldIssue> errors) {
    }
}
