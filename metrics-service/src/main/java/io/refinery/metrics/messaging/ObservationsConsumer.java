package io.refinery.metrics.messaging;

import java.io.IOException;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.domain.ObservationIngestor;
import io.refinery.metrics.domain.ObservationReader;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

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
    private final JsonFactory json;
    private final ObservationIngestor ingestor;
    private final MutinyEmitter<String> deadLetters;

    public ObservationsConsumer(ObjectMapper mapper, ObservationIngestor ingestor,
            @Channel("observations-dlq") MutinyEmitter<String> deadLetters) {
        this.mapper = mapper;
        this.json = mapper.getFactory();
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
    }

    @Incoming("observations")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<ObservationReader.Parsed> items = new ArrayList<>(records.size());
        Instant now = Instant.now();
        for (KafkaRecord<String, byte[]> r : records) {
            items.add(readItem(r.getPayload(), now));
        }
        return ingestor.ingest(items)
                .onFailure().invoke(e -> LOG.warnf("storing %d observations failed, retrying: %s", items.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .flatMap(result -> DeadLetters.send(deadLetters, mapper, records, result.rejected()))
                .flatMap(x -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** The record's item: the value itself, or the {@code data} of a CloudEvent that carries one. */
    private ObservationReader.Parsed readItem(byte[] value, Instant now) {
        if (value == null || value.length == 0) {
            return ObservationReader.Parsed.refused("item", "must be a JSON object");
        }
        try (JsonParser parser = json.createParser(value)) {
            parser.nextToken();
            ObservationReader.Parsed item = ObservationReader.read(parser, now);
            if (parser.nextToken() != null) {
                return ObservationReader.Parsed.refused("item", "must be one JSON object and nothing after it");
            }
            if (!item.ok() && isCloudEvent(value)) {
                return fromCloudEvent(value, now);
            }
            return item;
        } catch (IOException e) {
            return ObservationReader.Parsed.refused("item", malformed(e));
        }
    }

    /** CloudEvents are the rare form here: read the envelope as a tree and its data as an item. */
    private boolean isCloudEvent(byte[] value) {
        try {
            JsonNode node = mapper.readTree(value);
            return node != null && node.has("specversion") && node.has("data");
        } catch (IOException e) {
            return false;
        }
    }

    private ObservationReader.Parsed fromCloudEvent(byte[] value, Instant now) {
        try (JsonParser parser = mapper.readTree(value).get("data").traverse(mapper)) {
            parser.nextToken();
            return ObservationReader.read(parser, now);
        } catch (IOException e) {
            return ObservationReader.Parsed.refused("item", malformed(e));
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
