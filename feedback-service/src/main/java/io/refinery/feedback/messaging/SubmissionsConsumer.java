package io.refinery.feedback.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.feedback.domain.FeedbackIngestor;
import io.refinery.feedback.domain.FeedbackReader;
import io.refinery.feedback.domain.FieldIssue;
import io.refinery.feedback.domain.IngestResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Ingests feedback from refinery.feedback.submissions in batches through the same checks, redaction and write as
 * the HTTP endpoint. A record is one item, or a CloudEvent whose {@code data} is one. Records that can never be
 * stored go to refinery.feedback.submissions.dlq with their reasons in the {@code refinery-error} header and their
 * text already redacted (raw text never reaches Kafka from this service); a database outage is retried.
 */
@ApplicationScoped
public class SubmissionsConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionsConsumer.class);

    private final ObjectMapper mapper;
    private final FeedbackIngestor ingestor;
    private final MutinyEmitter<String> deadLetters;
    private final io.refinery.feedback.text.PiiRedactor redactor = new io.refinery.feedback.text.PiiRedactor();

    public SubmissionsConsumer(ObjectMapper mapper, FeedbackIngestor ingestor,
            @Channel("submissions-dlq") MutinyEmitter<String> deadLetters) {
        this.mapper = mapper;
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
    }

    @Incoming("submissions")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<FeedbackReader.Parsed> items = new ArrayList<>(records.size());
        Instant now = Instant.now();
        for (KafkaRecord<String, byte[]> r : records) {
            items.add(read(r.getPayload(), now));
        }
        return ingestor.ingest(items)
                .onFailure().invoke(e -> LOG.warnf("storing %d feedback items failed, retrying: %s", items.size(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .flatMap(result -> deadLetter(records, result))
                .flatMap(x -> Uni.createFrom().completionStage(batch.ack()));
    }

    private FeedbackReader.Parsed read(byte[] payload, Instant now) {
        try {
            JsonNode node = payload == null ? null : mapper.readTree(payload);
            if (node != null && node.has("specversion") && node.has("data")) {
                node = node.get("data");
            }
            return FeedbackReader.read(node, now);
        } catch (Exception e) {
            return new FeedbackReader.Parsed(null, List.of(new FieldIssue("record", "is not JSON")));
        }
    }

    private Uni<Void> deadLetter(List<KafkaRecord<String, byte[]>> records, IngestResult result) {
        if (result.rejected().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (IngestResult.RejectedItem rejected : result.rejected()) {
            KafkaRecord<String, byte[]> r = records.get(rejected.index());
            RecordHeaders headers = new RecordHeaders();
            headers.add("refinery-error", describe(rejected.errors()).getBytes(StandardCharsets.UTF_8));
            String offset = r.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> Long.toString(m.getOffset())).orElse("?");
            headers.add("refinery-source", (r.getTopic() + "/" + r.getPartition() + "/" + offset)
                    .getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(r.getKey()).withHeaders(headers).build();
            String value = r.getPayload() == null ? "" : redactor.redact(new String(r.getPayload(), StandardCharsets.UTF_8));
            sends.add(deadLetters.sendMessage(Message.of(value).addMetadata(metadata)));
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
