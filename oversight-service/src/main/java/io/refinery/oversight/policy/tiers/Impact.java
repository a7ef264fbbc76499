package io.refinery.oversight.policy.tiers;

/** How much harm a wrong action can do on one axis of the risk profile. */
public enum Impact {
    LOW, MEDIUM, HIGH
}
