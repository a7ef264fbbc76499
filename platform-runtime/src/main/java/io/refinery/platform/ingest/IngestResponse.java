package io.refinery.platform.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.problem.Problem;

/** The answer to an ingested batch over HTTP, the same in every service: one bad item never drops the others. */
@Schema(name = "IngestResponse", description = "Per-batch outcome: one bad item never drops the others")
public record IngestResponse(
        @Schema(description = "New items stored", example = "997") int accepted,
        @Schema(description = "Items whose id was already stored (replays change nothing)", example = "0") int duplicates,
        List<Rejected> rejected) {

    @Schema(name = "RejectedItem")
    public record Rejected(@Schema(description = "Position in the batch, from 0", example = "17") int index,
            List<Problem.FieldError> errors) {
    }

    public static IngestResponse of(IngestResult r) {
        return new IngestResponse(r.accepted(), r.duplicates(), r.rejected().stream()
                .map(x -> new Rejected(x.index(), x.errors().stream()
                        .map(e -> new Problem.FieldError(e.field(), e.message())).toList()))
                .toList());
    }
}
