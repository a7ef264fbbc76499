package io.refinery.oversight.system.domain;

/** How much brand, financial or customer harm a wrong AI action can do. */
public enum ImpactLevel {
    LOW, MEDIUM, HIGH
}
