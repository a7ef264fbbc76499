package io.refinery.oversight.review.rules;

/** Action types that mean something to oversight itself rather than to the system that asks. */
public final class ActionTypes {

    /** A proposal, opened by oversight-service, to relax one action type's tier by one step. */
    public static final String RELAXATION = "OVERSIGHT_RELAXATION";

    private ActionTypes() {
    }
}
