package io.refinery.experiments.ingestion.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.ingestion.domain.IngestResult;
import io.refinery.platform.problem.Problem;

@Schema(name = "IngestResponse", description = "Per-batch outcome: one bad item never drops the others")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResponse(
        @Schema(description = "New items stored", example = "997") int accepted,
        @Schema(description = "Items whose id was already stored (replays change nothing)", example = "0") int duplicates,
        @Schema(description = "Outcomes by systemKey whose unit is exposed in no experiment measuring the metric")
        Integer unattributed,
        List<Rejected> rejected) {

    @Schema(name = "RejectedItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejected(@Schema(description = "Position in the batch, from 0", example = "17") int index,
            String id, List<Problem.FieldError> errors) {
    }

    public static IngestResponse of(IngestResult r, boolean outcomes) {
        return new IngestResponse(r.accepted(), r.duplicates(), outcomes ? r.unattributed() : null, r.rejected().stream()
                .map(x -> new Rejected(x.index(), x.id(), x.errors().stream()
                        .map(e -> new Problem.FieldError(e.field(), e.message())).toList()))
                .toList());
    }
}
