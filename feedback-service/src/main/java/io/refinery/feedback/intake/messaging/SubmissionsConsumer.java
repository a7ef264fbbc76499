package io.refinery.feedback.intake.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.feedback.intake.domain.FeedbackIngestor;
import io.refinery.feedback.intake.domain.FeedbackReader;
import io.refinery.platform.ingest.IngestResult;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.DeadLetter;
import io.refinery.platform.messaging.DeadLetterPublisher;
import io.refinery.platform.messaging.FailureKind;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.problem.FieldIssue;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Ingests feedback from refinery.feedback.submissions in batches through the same checks, redaction and write as
 * the HTTP endpoint. A record is one item, or a CloudEvent whose {@code data} is one. Records that can never be
 * stored go to refinery.feedback.submissions.dlq with their reasons in the {@code refinery-error} header and their
 * text already redacted (raw text never reaches Kafka from this service); a database outage is retried until it ends.
 */
@ApplicationScoped
public class SubmissionsConsumer {

    static final String CHANNEL = "submissions";

    private final ObjectMapper mapper;
    private final FeedbackIngestor ingestor;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerPolicy policy;
    private final io.refinery.feedback.text.PiiRedactor redactor = new io.refinery.feedback.text.PiiRedactor();

    public SubmissionsConsumer(ObjectMapper mapper, FeedbackIngestor ingestor,
            DeadLetterPublisher deadLetters, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.ingestor = ingestor;
        this.deadLetters = deadLetters;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<FeedbackReader.Parsed> items = new ArrayList<>(records.size());
        Instant now = Instant.now();
        for (KafkaRecord<String, byte[]> r : records) {
            items.add(read(r.getPayload(), now));
        }
        return policy.untilDone(CHANNEL, () -> ingestor.ingest(items))
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

    /**
     * Refused records go to the DLQ redacted: a departure from "original bytes" that keeps customers' personal data
     * out of a topic that operators read by hand (the redaction is the one the stored text gets).
     */
    private Uni<Void> deadLetter(List<KafkaRecord<String, byte[]>> records, IngestResult result) {
        if (result.rejected().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String consumer = deadLetters.consumerGroup(CHANNEL);
        List<DeadLetter> letters = new ArrayList<>(result.rejected().size());
        for (IngestResult.RejectedItem rejected : result.rejected()) {
            KafkaRecord<String, byte[]> r = records.get(rejected.index());
            byte[] value = r.getPayload() == null ? null
                    : redactor.redact(new String(r.getPayload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            letters.add(DeadLetter.of(consumer, r, value, FailureKind.POISON, describe(rejected.errors())));
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
