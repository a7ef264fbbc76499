package io.refinery.metrics.observation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BatchesInOrderTest {

    @Test
    void anOffsetIsCommittableOnlyWhenEveryEarlierBatchIsStored() {
        BatchesInOrder<String> batches = new BatchesInOrder<>();
        BatchesInOrder.Batch<String> first = batches.add(Map.of("p0", 100L, "p1", 50L));
        BatchesInOrder.Batch<String> second = batches.add(Map.of("p0", 200L));
        assertThat(batches.inFlight()).isEqualTo(2);

        second.finish();
        assertThat(batches.inFlight()).as("a finished batch frees its write slot at once").isEqualTo(1);
        assertThat(batches.takeCommittable()).as("the first batch is still being written").isEmpty();

        first.finish();
        assertThat(batches.takeCommittable()).isEqualTo(Map.of("p0", 200L, "p1", 50L));
        assertThat(batches.takeCommittable()).as("taken once").isEmpty();
        assertThat(batches.inFlight()).isZero();
    }

    @Test
    void aFailedCommitIsRetriedUnlessALaterOneWentThrough() {
        BatchesInOrder<String> batches = new BatchesInOrder<>();
        batches.add(Map.of("p0", 100L)).finish();
        Map<String, Long> first = batches.takeCommittable();
        batches.add(Map.of("p0", 200L)).finish();
        Map<String, Long> second = batches.takeCommittable();

        batches.committed(second);
        batches.retry(first);
        assertThat(batches.takeCommittable()).as("never back from 200 to 100").isEmpty();

        batches.add(Map.of("p1", 7L)).finish();
        Map<String, Long> third = batches.takeCommittable();
        batches.retry(third);
        assertThat(batches.takeCommittable()).as("the broker was away: again with the next commit").isEqualTo(Map.of("p1", 7L));
    }

    @Test
    void aRebalanceForgetsWhatWasNotCommitted() {
        BatchesInOrder<String> batches = new BatchesInOrder<>();
        batches.add(Map.of("p0", 100L));
        batches.add(Map.of("p0", 200L)).finish();
        batches.clear();
        assertThat(batches.inFlight()).isZero();
        assertThat(batches.takeCommittable()).isEmpty();
    }
}
