package io.refinery.metrics.drift.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChosenRemediationTest {

    @Test
    void approvingTakesTheRecommendation() {
        assertThat(ChosenRemediation.of("APPROVE", RemediationAction.RETRAIN, null)).isEqualTo(RemediationAction.RETRAIN);
        assertThat(ChosenRemediation.of("APPROVE", RemediationAction.RETRAIN, "ADJUST_PARAMETERS"))
                .isEqualTo(RemediationAction.RETRAIN);
    }

    @Test
    void rejectingChoosesNothing() {
        assertThat(ChosenRemediation.of("REJECT", RemediationAction.RETRAIN, "RETRAIN")).isNull();
    }

    @Test
    void modifyingTakesTheNamedActionOrKeepsTheRecommendedKind() {
        assertThat(ChosenRemediation.of("MODIFY", RemediationAction.RETRAIN, " adjust_parameters "))
                .isEqualTo(RemediationAction.ADJUST_PARAMETERS);
        assertThat(ChosenRemediation.of("MODIFY", RemediationAction.EXPAND_DATA_SOURCES, null))
                .isEqualTo(RemediationAction.EXPAND_DATA_SOURCES);
        assertThat(ChosenRemediation.of("MODIFY", RemediationAction.RETRAIN, "")).isEqualTo(RemediationAction.RETRAIN);
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> ChosenRemediation.of("MODIFY", RemediationAction.RETRAIN, "PRAY"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChosenRemediation.of("ESCALATE", RemediationAction.RETRAIN, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
