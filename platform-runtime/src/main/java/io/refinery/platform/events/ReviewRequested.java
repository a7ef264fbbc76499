package io.refinery.platform.events;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code io.refinery.<service>.review.requested.v1} on {@value #TOPIC}: a service asks people to oversee an
 * action of an AI system. One record for every producer (metrics-service: alert reviews and drift remediations;
 * experiment-service: model rollouts and rollout phases; feedback-service: contradictions); oversight-service reads
 * it with the same rules over Kafka as over HTTP.
 *
 * @param id         the request's id, chosen by the sender (README, "Ids"): a redelivery is the same request
 * @param actionType what would be done, in UPPER_SNAKE_CASE ({@code ALERT_REVIEW}, {@code MODEL_ROLLOUT}, ...)
 * @param summary    one line a reviewer reads first
 * @param payload    the details, shown to the reviewer and matched by policies
 * @param magnitude  the relative size of the change (0.15 for 15 %), when it has one
 * @param amount     the money at stake, when there is some
 * @param confidence the sender's confidence in the action, between 0 and 1
 */
@RegisterForReflection
public record ReviewRequested(String id, String systemKey, String actionType, String summary,
        Map<String, Object> payload, Double magnitude, Double amount, Double confidence, RequestSource source) {

    public static final String TOPIC = "refinery.oversight.requests";

    /** The event type a service sends its requests under, e.g. {@code io.refinery.metrics.review.requested.v1}. */
    public static String typeOf(String serviceName) {
        return "io.refinery." + serviceName + ".review.requested.v1";
    }
}
