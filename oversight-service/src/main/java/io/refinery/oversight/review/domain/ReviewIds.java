package io.refinery.oversight.review.domain;

import java.util.UUID;

import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * How review requests sent under a client's own id are keyed (README, "Ids"): a client id that is a UUID is the
 * review's id; any other valid client id is mapped to a name-based UUID (version 5) under {@link #REQUEST_NAMESPACE}.
 * Fixed for good: changing it would give every resubmitted request a new review.
 */
public final class ReviewIds {

    /** Review requests ({@code POST /api/v1/reviews}, topic refinery.oversight.requests). */
    public static final UUID REQUEST_NAMESPACE = UUID.fromString("b46c44cb-cbd2-4224-9743-4933958db257");

    private ReviewIds() {
    }

    /** The review id of a request sent under a valid client id; also how {@code /api/v1/reviews/{id}} reads its id. */
    public static UUID of(String clientId) {
        return ClientId.uuidFor(REQUEST_NAMESPACE, clientId);
    }

    /** A review's id, or the client id it was submitted under, as the review's id; 400 naming {@code id} otherwise. */
    public static UUID ofPathId(String id) {
        if (!ClientId.isValid(id)) {
            throw new InvalidFieldsProblem("id", ClientId.MESSAGE);
        }
        return of(id);
    }
}
