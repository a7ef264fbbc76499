package io.refinery.metrics.observation.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.observation.domain.ObservationBytesReader;
import io.refinery.metrics.observation.domain.ObservationIngestor;
import io.refinery.metrics.observation.domain.ObservationReader;
import io.refinery.metrics.ingestion.domain.Vocabulary;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.refinery.metrics.ingestion.messaging.DeadLetters;

/**
 * Ingests observations from refinery.metrics.observations in batches, through the same checks and the same
 * set-based write as the HTTP endpoint. Records that can never be stored go to refinery.metrics.observations.dlq
 * with their reasons in the {@code refinery-error} header; the batch's offsets are committed only after the
 * write committed and the dead letters were acknowledged. A database outage is retried, never dead-lettered.
 * Records are plain observation items, or CloudEvents whose {@code data} is one.
 */
@ApplicationScoped
public class ObservationsConsumer {

    private static final Logger LOG = Logger.getLogger(ObservationsConsumer.class);

    private final ObjectMapper mapper;
    private final ObservationRecordReader reader;
    private final ObservationIngestor ingestor;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerPolicy policy;
    private final InFlightLimit writes;

    public ObservationsConsumer(ObjectMapper mapper, ObservationIngestor ingestor,
            DeadLetterPublisher deadLetters, ConsumerPolicy policy,
            @ConfigProperty(name = "refinery.observations.writes-in-flight", defaultValue = "2") int writesInFlight) {
        this.mapper = mapper;
        this.reader = new ObservationRecordReader(mapper);
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.writes = new InFlightLimit(writesInFlight);
    }

    /**
     * Reads the batch, then hands its write over and returns as soon as a write slot is free, so the next batch is
     * read while this one is written. The batch is acknowledged (its offsets become committable) only when its
     * write committed and its dead letters were accepted; the commit strategy commits offsets in order whatever
     * order the batches finish in.
     */
    @Incoming("observations")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<ObservationReader.Parsed> items = new ArrayList<>(records.size());
        Instant now = Instant.now();
        Vocabulary words = new Vocabulary();
        ObservationBytesReader fast = new ObservationBytesReader(now, words);
        for (KafkaRecord<String, byte[]> r : records) {
            items.add(reader.read(r.getPayload(), now, words, fast));
        }
        return writes.admit().invoke(() -> store(batch, items).subscribe().with(done -> {
        }, failure -> LOG.errorf(failure, "batch of %d observations left unacknowledged; it will be redelivered", items.size())));
    }

    private Uni<Void> store(KafkaRecordBatch<String, byte[]> batch, List<ObservationReader.Parsed> items) {
        return policy.untilDone("observations", () -> ingestor.ingest(items))
                .flatMap(result -> DeadLetters.send(deadLetters, mapper, "observations", batch.getRecords(), result.rejected()))
                .flatMap(x -> Uni.createFrom().completionStage(batch.ack()))
                .eventually(writes::release);
    }
}
