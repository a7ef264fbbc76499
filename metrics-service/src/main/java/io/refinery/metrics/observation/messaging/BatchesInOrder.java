package io.refinery.metrics.observation.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The batches handed to the ingestor and not yet committed, in the order they were polled. Batches finish in any order
 * (two are written at once); an offset becomes committable only when its batch and every batch polled before it
 * have finished, so a commit never skips a record that is still being written. Offsets are the next ones to read,
 * per partition, as Kafka commits them. Used by the consumer's thread only, except {@link Batch#finish()}.
 *
 * @param <P> a partition
 */
final class BatchesInOrder<P> {

    /** One polled batch: the next offset of each partition it read from. */
    static final class Batch<P> {
        private final Map<P, Long> next;
        private volatile boolean finished;

        private Batch(Map<P, Long> next) {
            this.next = next;
        }

        /** Called from any thread once the batch is stored (or dead-lettered). */
        void finish() {
            finished = true;
        }
    }

    private final Deque<Batch<P>> pending = new ArrayDeque<>();
    private final Map<P, Long> committable = new HashMap<>();
    private final Map<P, Long> committed = new HashMap<>();

    /** Registers a batch just polled; {@code next} holds, per partition, the offset after its last record. */
    Batch<P> add(Map<P, Long> next) {
        Batch<P> batch = new Batch<>(Map.copyOf(next));
        pending.add(batch);
        return batch;
    }

    /** How many batches are polled and not finished yet. */
    int inFlight() {
        int running = 0;
        for (Batch<P> batch : pending) {
            if (!batch.finished) {
                running++;
            }
        }
        return running;
    }

    /**
     * The offsets that became committable since the last call (empty if none): those of the finished batches at the
     * head of the queue. They are removed from what this keeps.
     */
    Map<P, Long> takeCommittable() {
        while (!pending.isEmpty() && pending.peekFirst().finished) {
            pending.pollFirst().next.forEach((p, offset) -> committable.merge(p, offset, Math::max));
        }
        committable.entrySet().removeIf(e -> e.getValue() <= committed.getOrDefault(e.getKey(), -1L));
        if (committable.isEmpty()) {
            return Map.of();
        }
        Map<P, Long> taken = Map.copyOf(committable);
        committable.clear();
        return taken;
    }

    /** The broker acknowledged these offsets: nothing at or below them is committed again. */
    void committed(Map<P, Long> offsets) {
        offsets.forEach((p, offset) -> committed.merge(p, offset, Math::max));
    }

    /**
     * Offsets whose commit failed (the broker away): committed again with the next ones, unless a later commit of the
     * same partition went through meanwhile (a commit never moves an offset back).
     */
    void retry(Map<P, Long> offsets) {
        offsets.forEach((p, offset) -> committable.merge(p, offset, Math::max));
    }

    /** Forgets everything: the partitions were taken away, and their uncommitted batches will be read again. */
    void clear() {
        pending.clear();
        committable.clear();
        committed.clear();
    }
}
