package io.refinery.platform.messaging;

/**
 * Turns a record's bytes into what a consumer applies. Throws when the record is unreadable or invalid (it then
 * goes to the dead-letter queue with the exception's message); returns null for a record this consumer skips.
 */
@FunctionalInterface
public interface RecordReader<T> {

    T read(byte[] value) throws Exception;
}
