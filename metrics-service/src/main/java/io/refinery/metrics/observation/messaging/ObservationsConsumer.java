package io.refinery.metrics.observation.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.ingestion.domain.Vocabulary;
import io.refinery.metrics.ingestion.messaging.DeadLetters;
import io.refinery.metrics.observation.domain.ObservationBytesReader;
import io.refinery.metrics.observation.domain.ObservationIngestor;
import io.refinery.metrics.observation.domain.ObservationReader;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Ingests one polled batch of refinery.metrics.observations (from {@link ObservationsKafkaLoop}) through the same
 * checks and the same set-based write as the HTTP endpoint. Records that can never be stored go to
 * refinery.metrics.observations.dlq with their reasons in the {@code refinery-error} header; the returned Uni
 * completes, and the batch's offsets become committable, only after the write committed and the dead letters were
 * acknowledged. A database outage is retried until it ends, never dead-lettered. Records are plain observation
 * items, or CloudEvents whose {@code data} is one.
 */
@ApplicationScoped
public class ObservationsConsumer {

    static final String CHANNEL = "observations";

    private final ObjectMapper mapper;
    private final ObservationRecordReader reader;
    private final ObservationIngestor ingestor;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerPolicy policy;

    public ObservationsConsumer(ObjectMapper mapper, ObservationIngestor ingestor, DeadLetterPublisher deadLetters,
            ConsumerPolicy policy) {
        this.mapper = mapper;
        this.reader = new ObservationRecordReader(mapper);
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
        this.policy = policy;
    }

    /** Reads and stores the batch on a worker thread; {@code group} names the consumer in dead letters. */
    Uni<Void> ingest(List<ConsumerRecord<String, byte[]>> records, String group) {
        return Uni.createFrom().item(() -> read(records)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(items -> policy.untilDone(CHANNEL, () -> ingestor.ingest(items)))
                .flatMap(result -> DeadLetters.sendPolled(deadLetters, mapper, group, records, result.rejected()));
    }

    private List<ObservationReader.Parsed> read(List<ConsumerRecord<String, byte[]>> records) {
        List<ObservationReader.Parsed> items = new ArrayList<>(records.size());
        Instant now = Instant.now();
        Vocabulary words = new Vocabulary();
        ObservationBytesReader fast = new ObservationBytesReader(now, words);
        for (ConsumerRecord<String, byte[]> r : records) {
            items.add(reader.read(r.value(), now, words, fast));
        }
        return items;
    }
}
