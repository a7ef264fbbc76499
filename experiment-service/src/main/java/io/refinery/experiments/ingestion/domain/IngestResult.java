package io.refinery.experiments.ingestion.domain;

import java.util.List;
import io.refinery.platform.problem.FieldIssue;

/**
 * What happened to a batch: stored, already there (a replayed id), or refused with reasons per item index.
 *
 * @param unattributed outcomes given by systemKey whose unit is in no running or stopped experiment of the system
 *     that measures the metric; stored as seen (their ids are kept) but counted nowhere
 */
public record IngestResult(int accepted, int duplicates, int unattributed, List<RejectedItem> rejected) {

    public record RejectedItem(int index, String id, List<FieldIssue> errors) {
    }
}
