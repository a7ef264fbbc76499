package io.refinery.oversight.review.rules;

/** Where a request stands: recorded as automatically approved, waiting for people, or decided by them. */
public enum ReviewState {
    AUTO_APPROVED, PENDING, APPROVED, REJECTED, MODIFIED;

    /** The state a human decision with {@code outcome} leaves the request in. */
    public static ReviewState decidedAs(Outcome outcome) {
        return switch (outcome) {
            case APPROVE -> APPROVED;
            case REJECT -> REJECTED;
            case MODIFY -> MODIFIED;
        };
    }
}
