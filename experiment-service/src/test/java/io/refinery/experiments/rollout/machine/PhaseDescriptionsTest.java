package io.refinery.experiments.rollout.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The texts and evidence a rollout's requests to oversight show for a phase. */
class PhaseDescriptionsTest {

    private static final Phase WIDER = new Phase("wider", new PhaseScope(List.of("books"), List.of("eu", "us"), List.of(),
            List.of()), 25.0, Duration.ofDays(3), List.of());

    @Test
    void scopeListsOnlyTheAxesItNamesInAFixedOrder() {
        assertThat(PhaseDescriptions.scope(WIDER.scope())).isEqualTo("categories books; regions eu, us");
        assertThat(PhaseDescriptions.scope(new PhaseScope(null, null, List.of("vip"), List.of("w1"))))
                .isEqualTo("segments vip; warehouses w1");
        assertThat(PhaseDescriptions.scope(PhaseScope.EVERYWHERE)).isEqualTo("everywhere");
    }

    @Test
    void percentDropsAWholeNumbersFraction() {
        assertThat(PhaseDescriptions.percent(25.0)).isEqualTo("25");
        assertThat(PhaseDescriptions.percent(12.5)).isEqualTo("12.5");
        assertThat(PhaseDescriptions.percent(100)).isEqualTo("100");
    }

    @Test
    void summariesCountPhasesFromOne() {
        assertThat(PhaseDescriptions.gateSummary("reco-v2", 1, WIDER))
                .isEqualTo("Start phase 2 'wider' of rollout reco-v2 (25% of categories books; regions eu, us)");
        assertThat(PhaseDescriptions.resumeSummary("reco-v2", 0, WIDER, "alert latency-p99 fired"))
                .isEqualTo("Resume phase 1 'wider' of rollout reco-v2, paused: alert latency-p99 fired");
        assertThat(PhaseDescriptions.overrideSummary("treatment", "reco-engine", "pilot too small"))
                .isEqualTo("Override the pilot's decision to roll out treatment on reco-engine: pilot too small");
    }

    @Test
    void viewKeepsTheFieldsInOrderWithAnIsoMinimumDuration() {
        assertThat(PhaseDescriptions.view(WIDER)).containsExactly(
                entry("name", "wider"),
                entry("scope", WIDER.scope()),
                entry("trafficPercent", 25.0),
                entry("minDuration", "PT72H"),
                entry("exitCriteria", List.of()));
    }
}
