package io.refinery.metrics.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.domain.FieldIssue;
import io.refinery.metrics.domain.IngestResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends the records of a batch that can never be stored to the batch's dead-letter topic, unchanged, with their
 * reasons in the {@code refinery-error} header (JSON list of field and message) and where they came from in
 * {@code refinery-source} (topic/partition/offset).
 */
final class DeadLetters {

    private DeadLetters() {
    }

    static Uni<Void> send(MutinyEmitter<String> emitter, ObjectMapper mapper, List<KafkaRecord<String, byte[]>> records,
            List<IngestResult.RejectedItem> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (IngestResult.RejectedItem item : rejected) {
            KafkaRecord<String, byte[]> r = records.get(item.index());
            RecordHeaders headers = new RecordHeaders();
            headers.add("refinery-error", describe(mapper, item.errors()).getBytes(StandardCharsets.UTF_8));
            String offset = r.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> Long.toString(m.getOffset())).orElse("?");
            headers.add("refinery-source", (r.getTopic() + "/" + r.getPartition() + "/" + offset)
                    .getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(r.getKey()).withHeaders(headers).build();
            String value = r.getPayload() == null ? "" : new String(r.getPayload(), StandardCharsets.UTF_8);
            sends.add(emitter.sendMessage(Message.of(value).addMetadata(metadata)));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static String describe(ObjectMapper mapper, List<FieldIssue> errors) {
        try {
            return mapper.writeValueAsString(errors);
        } catch (Exception e) {
            return errors.toString();
        }
    }
}
