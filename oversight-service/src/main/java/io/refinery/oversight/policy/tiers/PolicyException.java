package io.refinery.oversight.policy.tiers;

/** A policy text that cannot be understood; the message says what is wrong. */
public class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }
}
