package io.refinery.experiments.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.domain.ExposureIngestor;
import io.refinery.experiments.domain.IngestItems;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Exposures from refinery.experiments.exposures, in batches; refused records go to its .dlq with their reasons. */
@ApplicationScoped
public class ExposuresConsumer {

    private final IngestRecords records;
    private final ExposureIngestor ingestor;

    public ExposuresConsumer(ObjectMapper mapper, ExposureIngestor ingestor,
            @Channel("exposures-dlq") MutinyEmitter<String> deadLetters) {
        this.records = new IngestRecords(mapper, deadLetters);
        this.ingestor = ingestor;
    }

    @Incoming("exposures")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        Instant now = Instant.now();
        return records.ingest(batch, items -> ingestor.ingest(items.stream().map(n -> IngestItems.exposure(n, now)).toList()));
    }
}
