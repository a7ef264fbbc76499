package io.refinery.oversight.policy.tiers;

import java.util.Locale;

/** The request fields a condition may test. */
public enum Field {
    MAGNITUDE, AMOUNT, CONFIDENCE, CATEGORY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Field parse(String text) {
        for (Field f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        throw new PolicyException("unknown field '" + text + "': use magnitude, amount, confidence or category");
    }
}
