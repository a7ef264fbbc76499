package io.refinery.platform.messaging;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;

/**
 * The one way every consumer handles a record (DESIGN.md section 4). The record is read; a record that cannot be
 * read goes to {@code <topic>.dlq} at once. What it asks is then applied: a transient failure (database or broker
 * unreachable, timeout, serialization conflict; see {@link Failures}) is retried with back-off until it succeeds,
 * holding the partition (the channel takes one record at a time, so nothing behind it is skipped), and
 * {@link ConsumerHealth} reports it; a poison failure goes to the DLQ; an unexpected one is retried
 * {@code refinery.consumers.unexpected-attempts} times, then dead-lettered (replayable after a fix). The returned Uni
 * completes, and the record's offset becomes committable, only when the work committed or the dead letter is on
 * the broker.
 */
@ApplicationScoped
public class ConsumerPolicy {

    private final DeadLetterPublisher deadLetters;
    private final ConsumerHealth health;
    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final int unexpectedAttempts;

    public ConsumerPolicy(DeadLetterPublisher deadLetters, ConsumerHealth health,
            @ConfigProperty(name = "refinery.consumers.initial-back-off", defaultValue = "200ms") Duration initialBackOff,
            @ConfigProperty(name = "refinery.consumers.max-back-off", defaultValue = "15s") Duration maxBackOff,
            @ConfigProperty(name = "refinery.consumers.unexpected-attempts", defaultValue = "5") int unexpectedAttempts) {
        this.deadLetters = deadLetters;
        this.health = health;
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
        this.unexpectedAttempts = unexpectedAttempts;
    }

    /** Reads the record with {@code reader} and applies what it read with {@code apply} (a null read skips the record). */
    public <T> Uni<Void> handle(String channel, ConsumerRecord<String, byte[]> record, RecordReader<T> reader,
            Function<T, Uni<?>> apply) {
        final T item;
        try {
            item = reader.read(record.value());
        } catch (Exception e) {
            return deadLetter(channel, record, FailureKind.POISON, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (item == null) {
            return Uni.createFrom().voidItem();
        }
        return apply(channel, record, () -> apply.apply(item));
    }

    /** Runs {@code work} for the record under the retry policy; a failure that is not transient is dead-lettered. */
    public Uni<Void> apply(String channel, ConsumerRecord<String, byte[]> record, Supplier<Uni<?>> work) {
        return retried(channel, work)
                .onFailure().recoverWithUni(e -> {
                    health.gaveUp(channel);
                    FailureKind kind = Failures.classify(e);
                    String error = kind == FailureKind.POISON && e.getMessage() != null ? e.getMessage()
                            : ConsumerHealth.describe(e);
                    return deadLetter(channel, record, kind, error);
                });
    }

    /**
     * {@code work} retried under the policy: transient failures until it succeeds, unexpected ones a few times; a
     * poison failure, or an unexpected one that persists, fails the returned Uni.
     */
    public Uni<Void> retried(String channel, Supplier<Uni<?>> work) {
        return Uni.createFrom().deferred(work)
                .onFailure().invoke(e -> health.failed(channel, e, Failures.classify(e)))
                .onFailure(Failures::isTransient).retry().withBackOff(initialBackOff, maxBackOff).indefinitely()
                .onFailure(e -> Failures.classify(e) == FailureKind.UNEXPECTED).retry()
                .withBackOff(initialBackOff, maxBackOff).atMost(unexpectedAttempts)
                .invoke(() -> health.succeeded(channel))
                .replaceWithVoid();
    }

    /**
     * A batch's set-based write, retried with back-off until it succeeds whatever failed: a batch write reports the
     * items it refuses in its result, so a failure of the whole write is never the records' fault. Reported by
     * {@link ConsumerHealth} like any retry.
     */
    public <T> Uni<T> untilDone(String channel, Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().<T> deferred(work)
                .onFailure().invoke(e -> health.failed(channel, e, Failures.classify(e)))
                .onFailure().retry().withBackOff(initialBackOff, maxBackOff).indefinitely()
                .invoke(() -> health.succeeded(channel));
    }

    private Uni<Void> deadLetter(String channel, ConsumerRecord<String, byte[]> record, FailureKind kind, String error) {
        DeadLetter letter = DeadLetter.of(deadLetters.consumerGroup(channel), record, kind, error);
        return deadLetters.publish(letter)
                .onFailure().invoke(e -> health.failed(channel, e, FailureKind.TRANSIENT))
                .onFailure().retry().withBackOff(initialBackOff, maxBackOff).indefinitely()
                .invoke(() -> health.succeeded(channel));
    }

}
