package io.refinery.metrics.drift.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RemediationRuleTest {

    @Test
    void conceptDriftAfterARetrainRevisesTheArchitecture() {
        Recommendation recommendation = RemediationRule.recommend(
                new DriftEvidence(DriftKind.CONCEPT, List.of(), true));

        assertThat(recommendation.action()).isEqualTo(RemediationAction.REVISE_ARCHITECTURE);
        assertThat(recommendation.reasons()).containsExactly("concept drift persisting after a retrain: the error "
                + "rose again although the model was retrained after the previous concept drift");
    }

    @Test
    void reviseArchitectureComesBeforeEveryOtherRule() {
        // also broad and concentrated in non-inputs, but the retrain history decides
        DriftEvidence evidence = new DriftEvidence(DriftKind.CONCEPT,
                List.of(context("weather", 0.4, 1.2), context("region", 0.3, null)), true);

        assertThat(RemediationRule.recommend(evidence).action()).isEqualTo(RemediationAction.REVISE_ARCHITECTURE);
    }

    @Test
    void driftConcentratedInNonInputsExpandsDataSources() {
        // 2 of 3 drifted features are context-only; 3 of 10 features drifted (not broad)
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA, List.of(
                input("price", 0.15, 0.3), context("weather", 0.42, 1.1), context("local_event", 0.31, null),
                stable("a"), stable("b"), stable("c"), stable("d"), stable("e"), stable("f"), stable("g")), false);

        Recommendation recommendation = RemediationRule.recommend(evidence);

        assertThat(recommendation.action()).isEqualTo(RemediationAction.EXPAND_DATA_SOURCES);
        assertThat(recommendation.reasons()).containsExactly(
                "drift concentrated where the model lacks signals: 2 of 3 drifted features (67 %) are not model "
                        + "inputs, at least 50 %: weather, local_event",
                "drifted features: price (score 0.15, mean shift +0.30 sd), weather (score 0.42, mean shift +1.10 "
                        + "sd, not a model input), local_event (score 0.31, not a model input)");
    }

    @Test
    void concentrationComesBeforeBreadth() {
        // 4 of 5 features drifted (broad), but 3 of the 4 are not inputs
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA, List.of(input("price", 0.2, 0.2),
                context("w1", 0.3, 0.9), context("w2", 0.3, 0.9), context("w3", 0.3, 0.9), stable("a")), false);

        assertThat(RemediationRule.recommend(evidence).action()).isEqualTo(RemediationAction.EXPAND_DATA_SOURCES);
    }

    @Test
    void conceptDriftWithDriftedNonInputsExpandsDataSources() {
        DriftEvidence evidence = new DriftEvidence(DriftKind.CONCEPT,
                List.of(context("competitor_price", 0.5, -0.8), stable("price"), stable("age")), false);

        assertThat(RemediationRule.recommend(evidence).action()).isEqualTo(RemediationAction.EXPAND_DATA_SOURCES);
    }

    @Test
    void broadDataDriftRetrains() {
        // 3 of 6 features (50 %) drifted, all inputs
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA, List.of(input("price", 0.2, 0.3),
                input("age", 0.3, -0.2), input("basket", 0.25, null), stable("a"), stable("b"), stable("c")), false);

        Recommendation recommendation = RemediationRule.recommend(evidence);

        assertThat(recommendation.action()).isEqualTo(RemediationAction.RETRAIN);
        assertThat(recommendation.reasons().get(0))
                .isEqualTo("broad data drift: 3 of 6 features drifted (50 %), at least 50 %");
    }

    @Test
    void minorDirectionalDriftAdjustsParameters() {
        // 2 of 10 features drifted, mean shifts +0.32 and -0.21 sd, both within [0.1, 0.5]
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA, List.of(input("price", 0.12, 0.32),
                input("age", 0.11, -0.21), stable("a"), stable("b"), stable("c"), stable("d"), stable("e"),
                stable("f"), stable("g"), stable("h")), false);

        Recommendation recommendation = RemediationRule.recommend(evidence);

        assertThat(recommendation.action()).isEqualTo(RemediationAction.ADJUST_PARAMETERS);
        assertThat(recommendation.reasons()).containsExactly(
                "minor and directional drift: 2 of 10 features drifted (20 %, below 50 %), each with a mean shift "
                        + "between 0.10 and 0.50 reference standard deviations",
                "drifted features: price (score 0.12, mean shift +0.32 sd), age (score 0.11, mean shift -0.21 sd)");
    }

    @Test
    void shiftBoundsAreInclusive() {
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA,
                List.of(input("x", 0.1, 0.1), input("y", 0.1, -0.5), stable("a"), stable("b"), stable("c")), false);

        assertThat(RemediationRule.recommend(evidence).action()).isEqualTo(RemediationAction.ADJUST_PARAMETERS);
    }

    @Test
    void conceptDriftWithMinorDirectionalDataDriftAdjustsParameters() {
        DriftEvidence evidence = new DriftEvidence(DriftKind.CONCEPT,
                List.of(input("price", 0.12, 0.25), stable("a"), stable("b")), false);

        assertThat(RemediationRule.recommend(evidence).action()).isEqualTo(RemediationAction.ADJUST_PARAMETERS);
    }

    @Test
    void aLargeShiftIsNotMinorSoRetrainByDefault() {
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA,
                List.of(input("price", 0.12, 0.3), input("basket", 0.6, 1.2), stable("a"), stable("b"), stable("c")),
                false);

        Recommendation recommendation = RemediationRule.recommend(evidence);

        assertThat(recommendation.action()).isEqualTo(RemediationAction.RETRAIN);
        assertThat(recommendation.reasons()).containsExactly(
                "default: drift that is neither broad, nor concentrated where the model lacks signals, nor minor and "
                        + "directional",
                "2 of 5 features drifted (40 %), below 50 %; 0 % of them are not model inputs, below 50 %",
                "basket shifted its mean by +1.20 reference standard deviations, more than the 0.50 of a minor shift",
                "drifted features: price (score 0.12, mean shift +0.30 sd), basket (score 0.60, mean shift +1.20 sd)");
    }

    @Test
    void aTinyOrMissingShiftIsNotDirectionalSoRetrainByDefault() {
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA,
                List.of(input("spread", 0.2, 0.02), input("channel", 0.15, null), stable("a"), stable("b"),
                        stable("c")), false);

        Recommendation recommendation = RemediationRule.recommend(evidence);

        assertThat(recommendation.action()).isEqualTo(RemediationAction.RETRAIN);
        assertThat(recommendation.reasons()).contains(
                "spread shifted its mean by +0.02 reference standard deviations, less than the 0.10 of a "
                        + "directional one",
                "channel has no mean shift (categorical or unknown), so its drift is not directional");
    }

    @Test
    void firstConceptDriftWithoutDataEvidenceRetrains() {
        Recommendation recommendation = RemediationRule.recommend(
                new DriftEvidence(DriftKind.CONCEPT, List.of(), false));

        assertThat(recommendation.action()).isEqualTo(RemediationAction.RETRAIN);
        assertThat(recommendation.reasons()).containsExactly(
                "default: drift that is neither broad, nor concentrated where the model lacks signals, nor minor and "
                        + "directional",
                "concept drift with no retrain since the previous one: retrain on recent outcomes first");
    }

    @Test
    void customThresholdsMoveTheCuts() {
        // 2 of 10 drifted: broad at a 0.2 share
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA, List.of(input("price", 0.12, 0.32),
                input("age", 0.11, -0.21), stable("a"), stable("b"), stable("c"), stable("d"), stable("e"),
                stable("f"), stable("g"), stable("h")), false);

        Recommendation recommendation = RemediationRule.recommend(evidence,
                new RemediationThresholds(0.2, 0.5, 0.1, 0.5));

        assertThat(recommendation.action()).isEqualTo(RemediationAction.RETRAIN);
    }

    @Test
    void refusesInconsistentEvidence() {
        assertThatThrownBy(() -> new DriftEvidence(DriftKind.DATA, List.of(stable("a")), false))
                .hasMessage("DATA evidence needs at least one drifted feature");
        assertThatThrownBy(() -> new DriftEvidence(DriftKind.DATA, List.of(input("a", 1, 1.0), stable("a")), false))
                .hasMessage("feature a appears more than once");
        assertThatThrownBy(() -> new DriftEvidence(null, List.of(), false)).hasMessage("kind must not be null");
        assertThatThrownBy(() -> new FeatureDrift(" ", true, true, 0.1, null)).hasMessage("feature must not be blank");
        assertThatThrownBy(() -> new FeatureDrift("x", true, true, Double.NaN, null))
                .hasMessageContaining("score of x must be finite");
        assertThatThrownBy(() -> new RemediationThresholds(0.5, 0.5, 0.6, 0.5))
                .hasMessageContaining("directionalShift <= minorShift");
        assertThatThrownBy(() -> new RemediationThresholds(0, 0.5, 0.1, 0.5)).hasMessageContaining("broadDriftShare");
    }

    @Test
    void evidenceSharesAreDerivedFromTheFeatures() {
        DriftEvidence evidence = new DriftEvidence(DriftKind.DATA,
                List.of(input("a", 0.2, 0.3), context("b", 0.2, null), stable("c"), stable("d")), false);

        assertThat(evidence.driftedShare()).isEqualTo(0.5);
        assertThat(evidence.missingSignalShare()).isEqualTo(0.5);
        assertThat(evidence.driftedFeatures()).extracting(FeatureDrift::feature).containsExactly("a", "b");
        assertThat(new DriftEvidence(DriftKind.CONCEPT, List.of(), false).driftedShare()).isZero();
    }

    private static FeatureDrift input(String name, double score, Double meanShift) {
        return new FeatureDrift(name, true, true, score, meanShift);
    }

    private static FeatureDrift context(String name, double score, Double meanShift) {
        return new FeatureDrift(name, false, true, score, meanShift);
    }

    private static FeatureDrift stable(String name) {
        return new FeatureDrift(name, true, false, 0.01, 0.0);
    }
}
