package io.refinery.experiments.ingestion.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.ingestion.domain.ExposureIngestor;
import io.refinery.experiments.ingestion.domain.IngestItems;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Exposures from refinery.experiments.exposures, in batches; refused records go to its .dlq with their reasons. */
@ApplicationScoped
public class ExposuresConsumer {

    private final IngestRecords records;
    private final ExposureIngestor ingestor;

    public ExposuresConsumer(ObjectMapper mapper, ExposureIngestor ingestor,
            DeadLetterPublisher deadLetters, ConsumerPolicy policy) {
        this.records = new IngestRecords("exposures", mapper, deadLetters, policy);
        this.ingestor = ingestor;
    }

    @Incoming("exposures")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        Instant now = Instant.now();
        return records.ingest(batch, items -> ingestor.ingest(items.stream().map(n -> IngestItems.exposure(n, now)).toList()));
    }
}
