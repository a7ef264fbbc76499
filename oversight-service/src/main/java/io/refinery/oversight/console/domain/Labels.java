package io.refinery.oversight.console.domain;

import java.util.Locale;

import io.refinery.oversight.policy.tiers.Tier;

/** Words for codes: tiers, states, audit actions and JSON field names as a person reads them. */
public final class Labels {

    private Labels() {
    }

    /** {@code REVIEW_AND_APPROVAL} → {@code Review and approval}. */
    public static String tier(Tier tier) {
        return tier == null ? "" : constant(tier.name());
    }

    /** {@code REVIEW_APPROVAL_RECORDED} → {@code Review approval recorded}. */
    public static String constant(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** {@code shareNegativeBefore} or {@code share_negative_before} → {@code Share negative before}. */
    public static String field(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_-]+", " ").strip();
        String lower = spaced.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
