package io.refinery.metrics.drift.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.domain.SampleIngestor;
import io.refinery.platform.problem.Problem;
import io.refinery.platform.ingest.IngestResponse;

@Schema(name = "SampleIngestResponse", description = "Per-batch outcome: one bad item never drops the others")
public record SampleIngestResponse(
        @Schema(description = "New samples stored", example = "998") int accepted,
        @Schema(description = "Known samples that got their prediction or outcome", example = "1") int updated,
        @Schema(description = "Items whose id changed nothing (replays)", example = "0") int duplicates,
        List<IngestResponse.Rejected> rejected) {

    public static SampleIngestResponse of(SampleIngestor.Result r) {
        return new SampleIngestResponse(r.accepted(), r.updated(), r.duplicates(), r.rejected().stream()
                .map(x -> new IngestResponse.Rejected(x.index(), x.errors().stream()
                        .map(e -> new Problem.FieldError(e.field(), e.message())).toList()))
                .toList());
    }
}
