package io.refinery.experiments.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.domain.OutcomeIngestor;
import io.refinery.experiments.domain.IngestItems;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Outcomes from refinery.experiments.outcomes, in batches; refused records go to its .dlq with their reasons. */
@ApplicationScoped
public class OutcomesConsumer {

    private final IngestRecords records;
    private final OutcomeIngestor ingestor;

    public OutcomesConsumer(ObjectMapper mapper, OutcomeIngestor ingestor,
            @Channel("outcomes-dlq") MutinyEmitter<String> deadLetters) {
        this.records = new IngestRecords(mapper, deadLetters);
        this.ingestor = ingestor;
    }

    @Incoming("outcomes")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        Instant now = Instant.now();
        return records.ingest(batch, items -> ingestor.ingest(items.stream().map(n -> IngestItems.outcome(n, now)).toList()));
    }
}
