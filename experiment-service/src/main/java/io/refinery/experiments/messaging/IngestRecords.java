package io.refinery.experiments.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.domain.FieldIssue;
import io.refinery.experiments.domain.IngestResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Ingests a batch of records through the same checks and writes as the HTTP endpoints: records are plain items or
 * CloudEvents whose {@code data} is one. Refused records go to the dead-letter topic with their reasons in the
 * {@code refinery-error} header; the batch is acknowledged only after the write committed and the dead letters
 * were accepted. A database outage is retried, never dead-lettered.
 */
final class IngestRecords {

    private static final Logger LOG = Logger.getLogger(IngestRecords.class);

    private final ObjectMapper mapper;
    private final MutinyEmitter<String> deadLetters;

    IngestRecords(ObjectMapper mapper, MutinyEmitter<String> deadLetters) {
        this.mapper = mapper;
        this.deadLetters = deadLetters;
    }

    /** The item a record carries, or null when the record is not JSON. */
    JsonNode item(String payload) {
        try {
            JsonNode node = mapper.readTree(payload == null ? "" : payload);
            if (node != null && node.isObject() && node.has("specversion") && node.has("data")) {
                return node.get("data");
            }
            return node;
        } catch (Exception e) {
            return null;
        }
    }

    Uni<Void> ingest(KafkaRecordBatch<String, String> batch, Function<List<JsonNode>, Uni<IngestResult>> store) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<JsonNode> items = new ArrayList<>(records.size());
        records.forEach(r -> items.add(item(r.getPayload())));
        return Uni.createFrom().deferred(() -> store.apply(items))
                .onFailure().invoke(e -> LOG.warnf("storing %d records failed, retrying: %s", items.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .flatMap(result -> deadLetter(records, result))
                .flatMap(x -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> deadLetter(List<KafkaRecord<String, String>> records, IngestResult result) {
        if (result.rejected().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (IngestResult.RejectedItem rejected : result.rejected()) {
            KafkaRecord<String, String> r = records.get(rejected.index());
            RecordHeaders headers = new RecordHeaders();
            headers.add("refinery-error", describe(rejected.errors()).getBytes(StandardCharsets.UTF_8));
            String offset = r.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> Long.toString(m.getOffset())).orElse("?");
            headers.add("refinery-source", (r.getTopic() + "/" + r.getPartition() + "/" + offset).getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(r.getKey()).withHeaders(headers).build();
            sends.add(deadLetters.sendMessage(Message.of(r.getPayload() == null ? "" : r.getPayload()).addMetadata(metadata)));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private String describe(List<FieldIssue> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (Exception e) {
            return errors.toString();
        }
    }
}
