package io.refinery.oversight.review.domain;

import java.util.UUID;

/**
 * A request as submitted over HTTP, read from refinery.oversight.requests or opened by the relaxation track.
 * {@code id} is the review's key, {@code clientId} the id the client sent when it was not a UUID (null when it was),
 * see {@link ReviewIds}.
 */
public record Submission(UUID id, String clientId, String systemKey, String actionType, String summary, String payloadJson,
        Double magnitude, Double amount, Double confidence, String category, String sourceService, String sourceEventId,
        String submittedBy) {
}
