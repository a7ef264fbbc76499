package io.refinery.metrics.observation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    @Test
    void admitsUpToTheLimitThenHandsEachFreedSlotToTheNextWaiter() {
        InFlightLimit limit = new InFlightLimit(2);
        AtomicInteger admitted = new AtomicInteger();
        limit.admit().subscribe().with(x -> admitted.incrementAndGet());
        limit.admit().subscribe().with(x -> admitted.incrementAndGet());
        assertThat(admitted).hasValue(2);

        limit.admit().subscribe().with(x -> admitted.incrementAndGet());
        assertThat(admitted).as("the third waits for a slot").hasValue(2);

        limit.release();
        assertThat(admitted).as("the freed slot went to the waiter").hasValue(3);
        assertThat(limit.running()).isEqualTo(2);

        limit.release();
        limit.release();
        assertThat(limit.running()).isZero();
    }

    @Test
    void needsAtLeastOneSlot() {
        assertThatThrownBy(() -> new InFlightLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
