package io.refinery.oversight.policy;

/** How much harm a wrong action can do on one axis of the risk profile. */
public enum Impact {
    LOW, MEDIUM, HIGH
}
