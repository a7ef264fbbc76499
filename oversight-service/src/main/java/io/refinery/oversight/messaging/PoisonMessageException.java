package io.refinery.oversight.messaging;

/** A record that can never be processed (unreadable, wrong shape): it goes to the dead-letter topic, not retried. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
