package io.refinery.experiments.ingestion.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.ingestion.domain.IngestItems;
import io.refinery.experiments.ingestion.domain.OutcomeIngestor;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Outcomes from refinery.experiments.outcomes, in batches; refused records go to its .dlq with their reasons. */
@ApplicationScoped
public class OutcomesConsumer {

    private final IngestRecords records;
    private final OutcomeIngestor ingestor;

    public OutcomesConsumer(ObjectMapper mapper, OutcomeIngestor ingestor,
            DeadLetterPublisher deadLetters, ConsumerPolicy policy) {
        this.records = new IngestRecords("outcomes", mapper, deadLetters, policy);
        this.ingestor = ingestor;
    }

    @Incoming("outcomes")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        Instant now = Instant.now();
        return records.ingest(batch, items -> ingestor.ingest(items.stream().map(n -> IngestItems.outcome(n, now)).toList()));
    }
}
