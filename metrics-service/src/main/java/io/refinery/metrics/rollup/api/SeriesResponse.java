package io.refinery.metrics.rollup.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.rollup.domain.RollupPoint;
import io.refinery.metrics.rollup.domain.Step;

@Schema(name = "Series", description = "A metric rolled up per period; periods without observations are absent")
public record SeriesResponse(
        @Schema(example = "reco-engine") String systemKey,
        @Schema(example = "ctr") String metric,
        Step step,
        @Schema(description = "null = all segments", example = "new-customers") String segment,
        Instant from,
        Instant to,
        List<Point> points) {

    @Schema(name = "SeriesPoint")
    public record Point(Instant start, @Schema(example = "0.031") double value,
            @Schema(description = "Observations in the period", example = "240") long count,
            @Schema(description = "Sample size: Σdenominator for rates, else count", example = "120000") long samples,
            double min, double max) {
    }

    public static SeriesResponse of(String systemKey, String metric, Step step, String segment, Instant from, Instant to,
            List<RollupPoint> points) {
        return new SeriesResponse(systemKey, metric, step, segment, from, to,
                points.stream().map(p -> new Point(p.start(), p.value(), p.count(), p.samples(), p.min(), p.max())).toList());
    }
}
