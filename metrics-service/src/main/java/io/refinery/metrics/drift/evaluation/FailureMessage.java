package io.refinery.metrics.drift.evaluation;

/** The message a failed evaluation leaves on its monitor: the error and its causes, joined by ": ", at most 1,000 characters. */
public final class FailureMessage {

    /** The longest message kept. */
    public static final int MAX_LENGTH = 1000;

    private FailureMessage() {
    }

    /** Each message of the chain (the class name when it has none), outermost first. */
    public static String of(Throwable error) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = error; t != null && message.length() < MAX_LENGTH; t = t.getCause()) {
            if (message.length() > 0) {
                message.append(": ");
            }
            message.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) : message.toString();
    }
}
