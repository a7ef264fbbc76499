package io.refinery.platform.messaging;

/**
 * A record that can never be processed, whatever is retried: unreadable, or readable but invalid. It goes to the
 * topic's dead-letter queue at once. The message names the field at fault and what was expected.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
