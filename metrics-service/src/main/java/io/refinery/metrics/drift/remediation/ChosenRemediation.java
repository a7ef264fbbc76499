package io.refinery.metrics.drift.remediation;

import java.util.Locale;

/**
 * Which remediation a reviewer's decision on a DRIFT_REMEDIATION request chose: APPROVE takes the recommended one;
 * REJECT takes none; MODIFY takes the action its modifications name ({@code {"action": "ADJUST_PARAMETERS"}}), or the
 * recommended one when they name none (the reviewer changed its details, not its kind).
 */
public final class ChosenRemediation {

    private ChosenRemediation() {
    }

    /**
     * @param outcome APPROVE, REJECT or MODIFY
     * @param recommended the recommended action
     * @param modifiedAction the {@code action} named in a MODIFY's modifications, or null
     * @return the chosen action, or null when none was chosen
     * @throws IllegalArgumentException when a MODIFY names an action that does not exist
     */
    public static RemediationAction of(String outcome, RemediationAction recommended, String modifiedAction) {
        return switch (outcome) {
            case "APPROVE" -> recommended;
            case "REJECT" -> null;
            case "MODIFY" -> modifiedAction == null || modifiedAction.isBlank() ? recommended
                    : RemediationAction.valueOf(modifiedAction.trim().toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("unknown decision outcome " + outcome);
        };
    }
}
