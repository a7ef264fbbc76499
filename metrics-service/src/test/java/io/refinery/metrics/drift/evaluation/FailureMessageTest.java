package io.refinery.metrics.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureMessageTest {

    @Test
    void joinsTheCauseChainNamingClassesWithoutMessage() {
        Exception error = new IllegalStateException("evaluating failed", new ArithmeticException());
        assertThat(FailureMessage.of(error)).isEqualTo("evaluating failed: ArithmeticException");
    }

    @Test
    void keepsAtMostAThousandCharacters() {
        assertThat(FailureMessage.of(new RuntimeException("x".repeat(1500)))).hasSize(1000);
    }
}
