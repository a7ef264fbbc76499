package io.refinery.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * A record on its way to {@code <topic>.dlq}: where it came from, its key and bytes as read, and why it failed.
 *
 * @param consumer the consumer group that gave up on it
 * @param value the record's bytes, unchanged (feedback submissions pass them redacted: PII never reaches a DLQ)
 */
public record DeadLetter(String consumer, String topic, int partition, long offset, String key, byte[] value,
        FailureKind kind, String error) {

    public static DeadLetter of(String consumer, ConsumerRecord<String, byte[]> record, FailureKind kind, String error) {
        return new DeadLetter(consumer, record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                kind, error);
    }

    /** A record of a batch, with the bytes to keep ({@code value}: the record's own, or redacted ones). */
    public static DeadLetter of(String consumer, KafkaRecord<String, ?> record, byte[] value, FailureKind kind, String error) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        return new DeadLetter(consumer, record.getTopic(), record.getPartition(), offset, record.getKey(), value, kind, error);
    }

    public String deadLetterTopic() {
        return topic + DeadLetterHeaders.TOPIC_SUFFIX;
    }
}
