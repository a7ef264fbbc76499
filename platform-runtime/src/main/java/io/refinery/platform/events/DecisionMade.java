package io.refinery.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@value #TYPE} on {@value #TOPIC}: oversight-service decided a request for oversight. One record for the
 * producer (oversight-service) and every consumer (metrics-service: alert reviews and drift remediations;
 * experiment-service: model rollouts and rollout phases); {@link DecisionEvents} reads it.
 *
 * @param requestId     the review's id (the request's id when it was a UUID)
 * @param systemKey     the AI system the action is about
 * @param actionType    the kind of action, e.g. {@code ALERT_REVIEW}, {@code MODEL_ROLLOUT}
 * @param outcome       what was decided
 * @param decidedBy     who decided (the last approver under four eyes), {@code policy:auto} when no one had to
 * @param rationale     why, as the decider wrote it
 * @param decidedAt     when
 * @param tier          the oversight tier the request was handled under
 * @param approvers     everyone who approved, in order
 * @param modifications a MODIFY's changes: a JSON object as text (e.g. {@code {"action":"RETRAIN"}}) or free text
 * @param source        where the request came from, when it came over Kafka
 * @param automatic     true when a policy decided without a person
 * @param clientId      the id the request was sent under when it was not a UUID, else null
 */
@RegisterForReflection
public record DecisionMade(UUID requestId, String systemKey, String actionType, DecisionOutcome outcome,
        String decidedBy, String rationale, Instant decidedAt, String tier, List<String> approvers,
        String modifications, RequestSource source, boolean automatic, String clientId) {

    public static final String TOPIC = "refinery.oversight.decisions";
    public static final String TYPE = "io.refinery.oversight.decision.made.v1";
}
