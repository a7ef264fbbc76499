package io.refinery.experiments.assignment.api;

import io.refinery.platform.problem.InvalidFieldsProblem;

/** The unit id an assignment request names: required, at most {@value #MAX_LENGTH} characters; a 400 otherwise. */
public final class UnitIds {

    /** The longest unit id accepted. */
    public static final int MAX_LENGTH = 200;

    private UnitIds() {
    }

    /** {@code unitId} when it is valid, else an {@link InvalidFieldsProblem} naming {@code unitId}. */
    public static String check(String unitId) {
        if (unitId == null || unitId.isEmpty()) {
            throw new InvalidFieldsProblem("unitId", "is required");
        }
        if (unitId.length() > MAX_LENGTH) {
            throw new InvalidFieldsProblem("unitId", "must have at most " + MAX_LENGTH + " characters");
        }
        return unitId;
    }
}
