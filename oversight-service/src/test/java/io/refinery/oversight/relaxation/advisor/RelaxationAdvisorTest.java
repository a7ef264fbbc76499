package io.refinery.oversight.relaxation.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RelaxationAdvisorTest {

    private static final RelaxationBar BAR = RelaxationBar.defaults();

    @Test
    void fiftyCleanDecisionsMeetTheIssuesBar() {
        RelaxationAdvisor.Verdict v = RelaxationAdvisor.evaluate(new Track(50, 0, 0, 7, 0), BAR, 0);
        assertThat(v.propose()).isTrue();
        assertThat(v.proposedShift()).isEqualTo(-1);
        assertThat(v.unmodifiedRate()).isEqualTo(1.0);
        assertThat(v.lowerBound()).isCloseTo(50 / (50 + WilsonScore.Z_95 * WilsonScore.Z_95), within(1e-12));
        assertThat(v.reasons()).singleElement().asString().startsWith("met: 50 decisions");
    }

    @Test
    void fortyNineOfFiftyIsStillNinetyEightPercent() {
        RelaxationAdvisor.Verdict v = RelaxationAdvisor.evaluate(new Track(49, 1, 0, 0, 0), BAR, 0);
        assertThat(v.propose()).isTrue();
        assertThat(v.unmodifiedRate()).isEqualTo(0.98);
    }

    @Test
    void oneDecisionShortIsNotYet() {
        RelaxationAdvisor.Verdict v = RelaxationAdvisor.evaluate(new Track(49, 0, 0, 100, 0), BAR, 0);
        assertThat(v.propose()).isFalse();
        assertThat(v.proposedShift()).isNull();
        assertThat(v.reasons().get(0)).isEqualTo("not yet: 49 decisions (bar: 50)");
    }

    @Test
    void twoBadDecisionsInFiftyFallBelowTheRate() {
        assertThat(RelaxationAdvisor.evaluate(new Track(48, 1, 1, 0, 0), BAR, 0).reasons().get(0))
                .isEqualTo("not yet: 96 % approved unmodified (bar: 98 %)");
        assertThat(RelaxationAdvisor.evaluate(new Track(48, 0, 2, 0, 0), BAR, 0).propose()).isFalse();
    }

    @Test
    void anIncidentInTheWindowBlocks() {
        RelaxationAdvisor.Verdict v = RelaxationAdvisor.evaluate(new Track(80, 0, 0, 0, 1), BAR, 0);
        assertThat(v.propose()).isFalse();
        assertThat(v.reasons().get(0)).isEqualTo("not yet: 1 incident(s) in the window");
    }

    /** A bar lowered to five decisions still refuses 5 of 5: its Wilson lower bound is 0.566. */
    @Test
    void theLowerBoundGuardsASmallBar() {
        RelaxationBar small = new RelaxationBar(5, 0.98, 0.85, WilsonScore.Z_95, 2);
        RelaxationAdvisor.Verdict v = RelaxationAdvisor.evaluate(new Track(5, 0, 0, 0, 0), small, 0);
        assertThat(v.propose()).isFalse();
        assertThat(v.reasons().get(0)).isEqualTo("not yet: Wilson lower bound 0.566 (bar: 0.85)");
        assertThat(RelaxationAdvisor.evaluate(new Track(25, 0, 0, 0, 0), small, 0).propose()).isTrue();
    }

    @Test
    void relaxesOneTierAtATimeUpToTheMaximum() {
        Track clean = new Track(60, 0, 0, 0, 0);
        assertThat(RelaxationAdvisor.evaluate(clean, BAR, -1).proposedShift()).isEqualTo(-2);
        RelaxationAdvisor.Verdict atMax = RelaxationAdvisor.evaluate(clean, BAR, -2);
        assertThat(atMax.propose()).isFalse();
        assertThat(atMax.reasons().get(0)).contains("already relaxed by 2 tier(s)");
        assertThat(RelaxationAdvisor.evaluate(clean, new RelaxationBar(50, 0.98, 0.85, 1.96, 0), 0).propose()).isFalse();
        assertThat(RelaxationAdvisor.evaluate(clean, BAR, 1).proposedShift()).isEqualTo(0);
    }

    @Test
    void noDecisionsHaveNoRates() {
        RelaxationAdvisor.Verdict v = RelaxationAdvisor.evaluate(new Track(0, 0, 0, 12, 0), BAR, 0);
        assertThat(v.propose()).isFalse();
        assertThat(v.unmodifiedRate()).isNull();
        assertThat(v.lowerBound()).isNull();
        assertThat(v.reasons().get(0)).contains("no human decision yet");
    }

    @Test
    void anIncidentTightensOneTierAtOnceAndNoFurtherThanTheMaximum() {
        assertThat(TierShift.tightened(-1)).isEqualTo(0);
        assertThat(TierShift.tightened(0)).isEqualTo(1);
        assertThat(TierShift.tightened(2)).isEqualTo(2);
    }

    @Test
    void trackRatesAndChecks() {
        Track t = new Track(45, 3, 2, 10, 0);
        assertThat(t.decisions()).isEqualTo(50);
        assertThat(t.volume()).isEqualTo(60);
        assertThat(t.unmodifiedRate()).isEqualTo(0.9);
        assertThat(t.modificationRate()).isEqualTo(0.06);
        assertThat(t.rejectionRate()).isEqualTo(0.04);
        assertThatThrownBy(() -> new Track(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaxationBar(0, 0.98, 0.85, 1.96, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaxationBar(50, 1.5, 0.85, 1.96, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaxationBar(50, 0.98, 0.85, 1.96, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
