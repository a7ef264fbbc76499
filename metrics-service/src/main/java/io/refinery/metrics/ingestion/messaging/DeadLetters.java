package io.refinery.metrics.ingestion.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.ingest.IngestResult;
import io.refinery.platform.messaging.DeadLetter;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.refinery.platform.messaging.FailureKind;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.refinery.platform.problem.FieldIssue;

/**
 * Sends the records of a batch that can never be stored to the topic's dead-letter queue through the shared
 * {@link DeadLetterPublisher}: their bytes unchanged, their reasons in {@code refinery-error} (a JSON list of field
 * and message), and the uniform source headers.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static Uni<Void> send(DeadLetterPublisher publisher, ObjectMapper mapper, String channel,
            List<KafkaRecord<String, byte[]>> records, List<IngestResult.RejectedItem> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String consumer = publisher.consumerGroup(channel);
        List<DeadLetter> letters = new ArrayList<>(rejected.size());
        for (IngestResult.RejectedItem item : rejected) {
            KafkaRecord<String, byte[]> r = records.get(item.index());
            letters.add(DeadLetter.of(consumer, r, r.getPayload(), FailureKind.POISON, describe(mapper, item.errors())));
        }
        return publisher.publishAll(letters);
    }

    /**
     * As {@link #send}, for records polled with a plain Kafka consumer; {@code consumerGroup} goes into the
     * {@code refinery-consumer} header.
     */
    public static Uni<Void> sendPolled(DeadLetterPublisher publisher, ObjectMapper mapper, String consumerGroup,
            List<ConsumerRecord<String, byte[]>> records, List<IngestResult.RejectedItem> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DeadLetter> letters = new ArrayList<>(rejected.size());
        for (IngestResult.RejectedItem item : rejected) {
            letters.add(DeadLetter.of(consumerGroup, records.get(item.index()), FailureKind.POISON,
                    describe(mapper, item.errors())));
        }
        return publisher.publishAll(letters);
    }

    private static String describe(ObjectMapper mapper, List<FieldIssue> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (Exception e) {
            return errors.toString();
        }
    }
}
