package io.refinery.experiments.rollout.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    private static PhaseScope categories(String... names) {
        return new PhaseScope(List.of(names), List.of(), List.of(), List.of());
    }

    private static Phase phase(String name, PhaseScope scope, double traffic) {
        return new Phase(name, scope, traffic, Duration.ofDays(7),
                List.of(new ExitCriterion("conversion_rate", ExitCriterion.Comparison.AT_LEAST, 0.03)));
    }

    @Test
    void phasesThatWidenAreAccepted() {
        assertThat(RolloutPlan.issues(List.of(phase("shoes", categories("shoes"), 10),
                phase("apparel", categories("shoes", "bags", "jackets"), 50),
                phase("everything", PhaseScope.EVERYWHERE, 100)))).isEmpty();
    }

    @Test
    void narrowingLoweringAndDuplicatesAreRefusedByField() {
        List<RolloutPlan.Issue> issues = RolloutPlan.issues(List.of(phase("a", categories("shoes", "bags"), 50),
                phase("a", categories("shoes"), 20),
                new Phase("c", PhaseScope.EVERYWHERE, 0, Duration.ofDays(-1),
                        List.of(new ExitCriterion(" ", null, 1)))));
        assertThat(issues).extracting(RolloutPlan.Issue::field).containsExactly("phases[1].name",
                "phases[1].trafficPercent", "phases[1].scope", "phases[2].trafficPercent", "phases[2].minDuration",
                "phases[2].exitCriteria[0].metric", "phases[2].exitCriteria[0].comparison");
        assertThat(RolloutPlan.issues(List.of())).extracting(RolloutPlan.Issue::field).containsExactly("phases");
    }

    @Test
    void aScopeMatchesOnEveryListedAxis() {
        PhaseScope eu = new PhaseScope(List.of("shoes"), List.of("eu-west", "eu-north"), List.of(), List.of());
        assertThat(eu.matches(Map.of("category", "shoes", "region", "eu-west", "segment", "vip"))).isTrue();
        assertThat(eu.matches(Map.of("category", "shoes", "region", "us-east"))).isFalse();
        assertThat(eu.matches(Map.of("category", "shoes"))).isFalse(); // region listed but not given
        assertThat(PhaseScope.EVERYWHERE.matches(Map.of())).isTrue();
        assertThat(PhaseScope.EVERYWHERE.covers(eu)).isTrue();
        assertThat(eu.covers(PhaseScope.EVERYWHERE)).isFalse();
    }

    @Test
    void exitCriteriaCompareAndAnUnknownValueIsNotMet() {
        assertThat(new ExitCriterion("ctr", ExitCriterion.Comparison.AT_LEAST, 0.03).met(0.03)).isTrue();
        assertThat(new ExitCriterion("ctr", ExitCriterion.Comparison.ABOVE, 0.03).met(0.03)).isFalse();
        assertThat(new ExitCriterion("returns", ExitCriterion.Comparison.BELOW, 0.1).met(0.05)).isTrue();
        assertThat(new ExitCriterion("returns", ExitCriterion.Comparison.AT_MOST, 0.1).met(null)).isFalse();
    }
}
