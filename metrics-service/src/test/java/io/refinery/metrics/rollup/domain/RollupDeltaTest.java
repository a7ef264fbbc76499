package io.refinery.metrics.rollup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import io.refinery.metrics.observation.domain.Observation;

class RollupDeltaTest {

    private static Observation obs(String metric, double value, Double num, Double den, String at, String segment) {
        return new Observation(metric + at + value, "reco", metric, value, num, den, Instant.parse(at), segment, null);
    }

    @Test
    void aggregatesPerStepSegmentAndPeriodWithAllSegmentsUnderTheEmptySegment() {
        RollupDelta delta = RollupDelta.of(List.of(
                obs("ctr", 0.1, 1.0, 10.0, "2026-11-24T10:15:00Z", "new"),
                obs("ctr", 0.3, 30.0, 100.0, "2026-11-24T10:45:00Z", "returning"),
                obs("ctr", 0.2, 20.0, 100.0, "2026-11-24T11:05:00Z", "new")));
        // Hours 10 and 11 (all, new, returning where present) and the day (all, new, returning): 5 + 3 cells.
        assertThat(delta.cells()).hasSize(8);
        RollupDelta.Cell day = delta.cells().stream()
                .filter(c -> c.step == Step.P1D && c.segment.isEmpty()).findFirst().orElseThrow();
        assertThat(day.bucket).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(day.count).isEqualTo(3);
        assertThat(day.sum).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(day.min).isEqualTo(0.1);
        assertThat(day.max).isEqualTo(0.3);
        assertThat(day.ratioCount).isEqualTo(3);
        assertThat(day.numeratorSum).isEqualTo(51.0);
        assertThat(day.denominatorSum).isEqualTo(210.0);
        RollupDelta.Cell hourTenNew = delta.cells().stream()
                .filter(c -> c.step == Step.PT1H && c.segment.equals("new") && c.bucket.equals(Instant.parse("2026-11-24T10:00:00Z")))
                .findFirst().orElseThrow();
        assertThat(hourTenNew.count).isEqualTo(1);
        // Rates roll up as Σnum/Σden: 51/210, not the mean of ratios 0.2.
        RollupPoint point = RollupPoint.of(day.bucket, day.count, day.sum, day.min, day.max, day.ratioCount,
                day.numeratorSum, day.denominatorSum);
        assertThat(point.value()).isEqualTo(51.0 / 210.0);
        assertThat(point.samples()).isEqualTo(210);
    }

    @Test
    void cellsComeInAFixedOrderSoConcurrentUpsertsLockRowsAlike() {
        RollupDelta delta = RollupDelta.of(List.of(
                obs("zeta", 1, null, null, "2026-11-24T10:00:00Z", null),
                obs("alpha", 1, null, null, "2026-11-24T09:00:00Z", null)));
        assertThat(delta.cells()).extracting(c -> c.metric).containsExactly("alpha", "alpha", "zeta", "zeta");
    }
}
