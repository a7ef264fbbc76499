package io.refinery.metrics.drift.messaging;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.domain.SampleIngestor;
import io.refinery.metrics.drift.domain.SampleReader;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.metrics.ingestion.messaging.DeadLetters;

/**
 * Ingests drift samples from refinery.metrics.samples in batches, through the same checks and the same transaction
 * as {@code POST /api/v1/drift/samples}. Records that can never be stored go to refinery.metrics.samples.dlq with
 * their reasons in the {@code refinery-error} header; the batch's offsets are committed only after the write committed
 * and the dead letters were acknowledged. A database outage is retried, never dead-lettered. A record is a sample item,
 * or a CloudEvent whose {@code data} is one. Replays are harmless: the ledger is idempotent on (systemKey, id).
 */
@ApplicationScoped
public class SamplesConsumer {

    static final String CHANNEL = "samples";

    private final ObjectMapper mapper;
    private final SampleIngestor ingestor;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerPolicy policy;

    public SamplesConsumer(ObjectMapper mapper, SampleIngestor ingestor,
            DeadLetterPublisher deadLetters, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        Instant now = Instant.now();
        Instant oldest = ingestor.oldestAccepted(now);
        List<SampleReader.Parsed> items = new ArrayList<>(records.size());
        for (KafkaRecord<String, byte[]> r : records) {
            items.add(readItem(r.getPayload(), now, oldest));
        }
        return policy.untilDone(CHANNEL, () -> ingestor.ingest(items))
                .flatMap(result -> DeadLetters.send(deadLetters, mapper, CHANNEL, records, result.rejected()))
                .flatMap(x -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** The record's item: the value itself, or the {@code data} of a CloudEvent. */
    private SampleReader.Parsed readItem(byte[] value, Instant now, Instant oldest) {
        if (value == null || value.length == 0) {
            return SampleReader.Parsed.refused("item", "must be a JSON object");
        }
        try (JsonParser parser = mapper.getFactory().createParser(value)) {
            parser.nextToken();
            SampleReader.Parsed item = SampleReader.read(parser, now, oldest);
            if (parser.nextToken() != null) {
                return SampleReader.Parsed.refused("item", "must be one JSON object and nothing after it");
            }
            return item.ok() ? item : fromCloudEvent(value, now, oldest, item);
        } catch (IOException e) {
            return SampleReader.Parsed.refused("item", malformed(e));
        }
    }

    /** CloudEvents are the rare form: read the envelope as a tree and its data as an item. */
    private SampleReader.Parsed fromCloudEvent(byte[] value, Instant now, Instant oldest, SampleReader.Parsed refused)
            throws IOException {
        JsonNode envelope = mapper.readTree(value);
        if (envelope == null || !envelope.has("specversion") || !envelope.has("data")) {
            return refused;
        }
        try (JsonParser parser = envelope.get("data").traverse(mapper)) {
            parser.nextToken();
            return SampleReader.read(parser, now, oldest);
        }
    }

    private static String malformed(IOException e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return "must be a JSON object (malformed JSON at line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")";
        }
        return "must be a JSON object (unreadable: " + e.getClass().getSimpleName() + ")";
    }
}
