package io.refinery.platform.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every dead letter carries, in every service (DESIGN.md section 4), so one replay tool reads them all.
 */
public final class DeadLetterHeaders {

    public static final String TOPIC_SUFFIX = ".dlq";
    /** Why the record failed: a sentence naming the field at fault, or a JSON list of {field, message}. */
    public static final String ERROR = "refinery-error";
    /** {@link FailureKind#POISON} or {@link FailureKind#UNEXPECTED}. */
    public static final String KIND = "refinery-error-kind";
    public static final String SOURCE_TOPIC = "refinery-source-topic";
    public static final String SOURCE_PARTITION = "refinery-source-partition";
    public static final String SOURCE_OFFSET = "refinery-source-offset";
    /** The consumer group that gave up on the record. */
    public static final String CONSUMER = "refinery-consumer";
    /** How many times the record has been replayed from the dead-letter queue before. */
    public static final String REPLAYS = "refinery-replays";

    private DeadLetterHeaders() {
    }

    static Headers of(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR, utf8(letter.error()));
        headers.add(KIND, utf8(letter.kind().name()));
        headers.add(SOURCE_TOPIC, utf8(letter.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(letter.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(letter.offset())));
        headers.add(CONSUMER, utf8(letter.consumer()));
        return headers;
    }

    /** The text of header {@code name}, or null. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
