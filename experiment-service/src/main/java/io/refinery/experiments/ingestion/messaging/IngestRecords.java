package io.refinery.experiments.ingestion.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.ingestion.domain.IngestResult;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetter;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.refinery.platform.messaging.FailureKind;
import io.refinery.platform.problem.FieldIssue;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Ingests a batch of records through the same checks and writes as the HTTP endpoints: records are plain items or
 * CloudEvents whose {@code data} is one. Refused records go to the topic's dead-letter queue, bytes unchanged, with
 * their reasons in the {@code refinery-error} header; the batch is acknowledged only after the write committed and
 * the dead letters were accepted. A database outage is retried until it ends ({@link ConsumerPolicy#untilDone}).
 */
final class IngestRecords {

    private final String channel;
    private final ObjectMapper mapper;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerPolicy policy;

    IngestRecords(String channel, ObjectMapper mapper, DeadLetterPublisher deadLetters, ConsumerPolicy policy) {
        this.channel = channel;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.policy = policy;
    }

    /** The item a record carries, or null when the record is not JSON. */
    JsonNode item(byte[] payload) {
        try {
            JsonNode node = payload == null ? null : mapper.readTree(payload);
            if (node != null && node.isObject() && node.has("specversion") && node.has("data")) {
                return node.get("data");
            }
            return node;
        } catch (Exception e) {
            return null;
        }
    }

    Uni<Void> ingest(KafkaRecordBatch<String, byte[]> batch, Function<List<JsonNode>, Uni<IngestResult>> store) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<JsonNode> items = new ArrayList<>(records.size());
        records.forEach(r -> items.add(item(r.getPayload())));
        return policy.untilDone(channel, () -> store.apply(items))
                .flatMap(result -> deadLetter(records, result))
                .flatMap(x -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> deadLetter(List<KafkaRecord<String, byte[]>> records, IngestResult result) {
        if (result.rejected().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String consumer = deadLetters.consumerGroup(channel);
        List<DeadLetter> letters = new ArrayList<>(result.rejected().size());
        for (IngestResult.RejectedItem rejected : result.rejected()) {
            KafkaRecord<String, byte[]> r = records.get(rejected.index());
            letters.add(DeadLetter.of(consumer, r, r.getPayload(), FailureKind.POISON, describe(rejected.errors())));
        }
        return deadLetters.publishAll(letters);
    }

    private String describe(List<FieldIssue> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (Exception e) {
            return errors.toString();
        }
    }
}
