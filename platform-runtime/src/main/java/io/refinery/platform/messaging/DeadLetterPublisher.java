package io.refinery.platform.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes dead letters to {@code <topic>.dlq} through the service's {@code dead-letters} channel (byte[] values,
 * String keys): the record's own key and bytes, and {@link DeadLetterHeaders}. The returned Uni completes when the
 * broker has the letter, so a caller acknowledges the source record only then; a broker outage is retried by the
 * caller like any transient failure. Counts {@code refinery_dead_letters_total{topic,kind}}.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String CHANNEL = "dead-letters";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;
    private final Config config;

    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, MeterRegistry registry, Config config) {
        this.emitter = emitter;
        this.registry = registry;
        this.config = config;
    }

    /** The channel's consumer group, as configured, for the {@code refinery-consumer} header. */
    public String consumerGroup(String channel) {
        return config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class).orElse(channel);
    }

    public Uni<Void> publish(DeadLetter letter) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(letter.deadLetterTopic()).withKey(letter.key()).withHeaders(DeadLetterHeaders.of(letter)).build();
        byte[] value = letter.value() == null ? new byte[0] : letter.value();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata))
                .invoke(() -> {
                    registry.counter("refinery_dead_letters_total", "topic", letter.topic(), "kind", letter.kind().name())
                            .increment();
                    LOG.warnf("%s/%d@%d dead-lettered to %s by %s (%s): %s", letter.topic(), letter.partition(),
                            letter.offset(), letter.deadLetterTopic(), letter.consumer(), letter.kind(), letter.error());
                });
    }

    /**
     * Publishes a batch's dead letters; each is retried with back-off until the broker has it (a broker outage is
     * transient), so the batch can be acknowledged only when all are safe.
     */
    public Uni<Void> publishAll(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(letters.stream().map(letter -> publish(letter)
                .onFailure().invoke(e -> LOG.warnf("dead letter for %s/%d@%d not accepted yet, retrying: %s", letter.topic(),
                        letter.partition(), letter.offset(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(15)).indefinitely()).toList())
                .andFailFast().replaceWithVoid();
    }
}
