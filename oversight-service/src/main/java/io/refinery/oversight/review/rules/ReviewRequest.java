package io.refinery.oversight.review.rules;

/**
 * The fields of a request for oversight that {@link RequestValidator} checks, as sent over HTTP or on
 * refinery.oversight.requests; {@code source} is null when the request names none.
 */
public record ReviewRequest(String systemKey, String actionType, String summary, Payload payload, Double confidence,
        Source source) {

    /** What the request's payload is. */
    public enum Payload {
        ABSENT, OBJECT, OTHER
    }

    /** The service and event the request comes from. */
    public record Source(String service, String eventId) {
    }
}
