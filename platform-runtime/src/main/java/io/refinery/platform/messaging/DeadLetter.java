package io.refinery.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

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

    public String deadLetterTopic() {
        return topic + DeadLetterHeaders.TOPIC_SUFFIX;
    }
}
