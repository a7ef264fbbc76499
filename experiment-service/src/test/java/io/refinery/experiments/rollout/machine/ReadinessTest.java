package io.refinery.experiments.rollout.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static DimensionAssessment person(int score) {
        return new DimensionAssessment(score, "evidence", Map.of(), null, null);
    }

    @Test
    void everyDimensionMustReachTheMinimumAndBeAssessed() {
        Map<ReadinessDimension, DimensionAssessment> a = new EnumMap<>(ReadinessDimension.class);
        a.put(ReadinessDimension.DATA_INFRASTRUCTURE, person(4));
        a.put(ReadinessDimension.TECHNICAL_RESOURCES, person(2));
        a.put(ReadinessDimension.CHANGE_MANAGEMENT, person(3));
        a.put(ReadinessDimension.SYSTEM_DEPENDENCIES, new DimensionAssessment(null, null, Map.of(), 4, "measured"));
        List<ReadinessGate.Blocker> blockers = ReadinessGate.blockers(a, 3, true);
        assertThat(blockers).extracting(ReadinessGate.Blocker::dimension).containsExactly(
                ReadinessDimension.TECHNICAL_RESOURCES, ReadinessDimension.SYSTEM_DEPENDENCIES,
                ReadinessDimension.FINANCIAL_PROJECTIONS);
        assertThat(blockers.get(0).reason()).isEqualTo("scored 2, below the minimum of 3 (evidence)");
        assertThat(blockers.get(1).reason()).startsWith("measured at 4 (measured) but not confirmed by a person");
        assertThat(blockers.get(2).reason()).startsWith("not assessed: answer Have budget and ROI projections");
        // Without the confirmation rule a measured score counts.
        assertThat(ReadinessGate.blockers(a, 3, false)).hasSize(2);
    }

    @Test
    void originsTellMeasuredConfirmedCorrectedAndDeclaredApart() {
        assertThat(new DimensionAssessment(null, null, null, 4, "m").origin()).isEqualTo(DimensionAssessment.Origin.MEASURED);
        assertThat(new DimensionAssessment(4, null, null, 4, "m").origin()).isEqualTo(DimensionAssessment.Origin.CONFIRMED);
        assertThat(new DimensionAssessment(2, null, null, 4, "m").origin()).isEqualTo(DimensionAssessment.Origin.CORRECTED);
        assertThat(new DimensionAssessment(2, null, null, null, null).origin()).isEqualTo(DimensionAssessment.Origin.DECLARED);
        assertThat(new DimensionAssessment(null, null, null, null, null).origin()).isEqualTo(DimensionAssessment.Origin.MISSING);
    }

    @Test
    void prefillFollowsItsDocumentedRules() {
        assertThat(ReadinessPrefill.dataInfrastructure(true, 0, 0).score()).isEqualTo(5);
        assertThat(ReadinessPrefill.dataInfrastructure(true, 5, 1).score()).isEqualTo(2);
        assertThat(ReadinessPrefill.dataInfrastructure(false, 5, 1)).isEqualTo(new ReadinessPrefill.Measured(1,
                "metrics not arriving in the last two days; 5 drift detection(s) in the last 30 days; 1 alert(s) firing"));
        assertThat(ReadinessPrefill.systemDependencies(List.of("search", "chatbot", "pricing"), List.of("financial")).score())
                .isEqualTo(2);
        assertThat(ReadinessPrefill.financialProjections(0.042, 0.011)).isEqualTo(
                new ReadinessPrefill.Measured(4, "pilot lift +4.20%, CI lower bound +1.10%"));
        assertThat(ReadinessPrefill.financialProjections(0.042, -0.01).score()).isEqualTo(3);
        assertThat(ReadinessPrefill.financialProjections(-0.01, null).score()).isEqualTo(1);
        assertThat(ReadinessPrefill.financialProjections(null, null)).isNull();
    }

    @Test
    void trafficServesTheScopeAndGrowsWithoutReshuffling() {
        List<Phase> phases = List.of(
                new Phase("shoes", new PhaseScope(List.of("shoes"), null, null, null), 10, Duration.ZERO, null),
                new Phase("all", PhaseScope.EVERYWHERE, 50, Duration.ZERO, null));
        RolloutPosition first = new RolloutPosition(RolloutState.RUNNING, 0, -1);
        RolloutPosition second = new RolloutPosition(RolloutState.RUNNING, 1, -1);
        int inFirst = 0;
        int inSecond = 0;
        for (int i = 0; i < 20_000; i++) {
            String unit = "u" + i;
            boolean a = RolloutTraffic.decide("r", "b", first, phases, unit, Map.of("category", "shoes")).variant();
            boolean b = RolloutTraffic.decide("r", "b", second, phases, unit, Map.of("category", "shoes")).variant();
            inFirst += a ? 1 : 0;
            inSecond += b ? 1 : 0;
            assertThat(!a || b).as("a unit served in phase 0 stays served in phase 1").isTrue();
        }
        // 10 % and 50 % of 20,000 within 4 standard deviations of a binomial
        assertThat(inFirst).isBetween(2000 - 170, 2000 + 170);
        assertThat(inSecond).isBetween(10_000 - 283, 10_000 + 283);
        assertThat(RolloutTraffic.decide("r", "b", first, phases, "u1", Map.of("category", "bags")).reason())
                .isEqualTo(RolloutTraffic.Reason.OUT_OF_SCOPE);
        assertThat(RolloutTraffic.decide("r", "b", new RolloutPosition(RolloutState.BLOCKED, -1, -1), phases, "u1",
                Map.of()).reason()).isEqualTo(RolloutTraffic.Reason.NOT_SERVING);
    }
}
