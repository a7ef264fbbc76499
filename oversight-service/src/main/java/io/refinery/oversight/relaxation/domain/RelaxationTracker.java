package io.refinery.oversight.relaxation.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.policy.domain.PolicyService;
import io.refinery.oversight.relaxation.advisor.RelaxationAdvisor;
import io.refinery.oversight.relaxation.advisor.RelaxationBar;
import io.refinery.oversight.relaxation.advisor.Track;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.domain.Submission;
import io.refinery.oversight.review.rules.ActionTypes;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.platform.problem.ConflictProblem;
import io.smallrye.mutiny.Uni;

/**
 * The decision history per system and action type, and the OVERSIGHT_RELAXATION proposals it leads to. A track
 * starts at the latest of: the action type's last tier-shift change, the start of the window, and the last
 * rejected proposal for it. After each human decision the track is evaluated against the configured
 * {@link RelaxationBar}; when it meets the bar and no proposal is pending, a proposal to go one tier lower is
 * opened as a review that only an approver can approve (nothing relaxes without a human approval). Approving it
 * writes the new tier shift as a new, audited policy version.
 */
@ApplicationScoped
public class RelaxationTracker {

    /**
     * Decided reviews of a track by state since ?3 (exclusive): the whole hours after ?3's hour from the counters the
     * reviews' triggers keep (V12), and the rest of ?3's own hour counted from the reviews themselves. The cost is
     * bounded by the window's hours and one hour of decisions, not by the track's length.
     */
    private static final String COUNTS = "select state, cast(sum(n) as bigint) from ("
            + " select state, decisions as n from oversight.review_decision_counts"
            + " where system_key = ?1 and action_type = ?2 and hour >= ?4"
            + " union all select state, count(*) from oversight.reviews"
            + " where system_key = ?1 and action_type = ?2 and decided_at > ?3 and decided_at < ?4 group by state"
            + ") t group by state";

    /** One action type's track as the API shows it. */
    public record TrackView(String actionType, int shift, Instant shiftSince, String shiftReason, Instant trackStart,
            long volume, long decisions, long approvedUnmodified, long modified, long rejected, long autoApproved,
            long incidentsInWindow, Double unmodifiedRate, Double modificationRate, Double rejectionRate,
            Double wilsonLowerBound, boolean meetsBar, Integer proposedShift, List<String> reasons, UUID pendingProposal) {
    }

    private final PolicyService policies;
    private final RelaxationConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public RelaxationTracker(PolicyService policies, RelaxationConfig config, ObjectMapper mapper, Clock clock) {
        this.policies = policies;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Every action type of a system that has reviews or a tier shift. */
    @WithSession
    public Uni<List<TrackView>> overview(String systemKey) {
        return policies.latestOrNull(systemKey).flatMap(versioned -> Panache.getSession()
                .flatMap(s -> s.createSelectionQuery("select distinct r.actionType from Review r where r.systemKey = ?1"
                        + " and r.actionType <> ?2", String.class).setParameter(1, systemKey).setParameter(2, ActionTypes.RELAXATION)
                        .getResultList())
                .flatMap(types -> {
                    PolicyDocument doc = versioned == null ? null : versioned.document();
                    TreeSet<String> all = new TreeSet<>(types);
                    if (doc != null) {
                        doc.tierShifts().forEach(t -> all.add(t.actionType()));
                    }
                    Uni<List<TrackView>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (String type : all) {
                        chain = chain.flatMap(list -> evaluate(systemKey, type, doc, null).map(v -> {
                            list.add(v);
                            return list;
                        }));
                    }
                    return chain;
                }));
    }

    /**
     * After a human decision on {@code decided} (in the caller's transaction): the proposal to open, or null. The
     * session is flushed first, so the decision is in the counters the track is read from.
     */
    public Uni<Submission> proposalAfter(Review decided) {
        if (ActionTypes.RELAXATION.equals(decided.actionType)) {
            return Uni.createFrom().nullItem();
        }
        return policies.latestOrNull(decided.systemKey)
                .flatMap(v -> evaluate(decided.systemKey, decided.actionType, v == null ? null : v.document(), decided))
                .map(view -> view.meetsBar() && view.pendingProposal() == null ? proposal(decided.systemKey, view) : null);
    }

    /** Applies an approved proposal as a new policy version; refused (409) when the shift changed since it was made. */
    public Uni<Void> applyApproved(Review proposal, String approver) {
        JsonNode p = read(proposal.payload);
        String actionType = p.path("actionType").asText();
        int from = p.path("fromShift").asInt();
        int to = p.path("toShift").asInt();
        return policies.latestOrNull(proposal.systemKey).flatMap(v -> {
            PolicyDocument.ShiftDocument entry = v == null ? null : v.document().shiftOf(actionType);
            int current = entry == null ? 0 : entry.shift();
            if (current != from) {
                return Uni.createFrom().failure(new ConflictProblem("tierShifts", "the tier shift of " + actionType
                        + " is " + current + " now, not " + from + " as when this relaxation was proposed; reject it"));
            }
            String reason = "relaxation approved by " + approver + " in review " + proposal.id + ": " + proposal.summary;
            return policies.shift(proposal.systemKey, actionType, to, reason, approver,
                    Map.of("reason", reason, "reviewId", proposal.id.toString(), "fromShift", from, "toShift", to))
                    .replaceWithVoid();
        });
    }

    /** The target action type of a proposal review. */
    String targetOf(Review proposal) {
        return read(proposal.payload).path("actionType").asText(null);
    }

    private Uni<TrackView> evaluate(String systemKey, String actionType, PolicyDocument doc, Review decided) {
        Instant now = now();
        Instant windowStart = now.minus(config.window());
        PolicyDocument.ShiftDocument entry = doc == null ? null : doc.shiftOf(actionType);
        int shift = entry == null ? 0 : entry.shift();
        return Review.<Review> list("systemKey = ?1 and actionType = ?2", systemKey, ActionTypes.RELAXATION).flatMap(proposals -> {
            UUID pending = null;
            Instant start = windowStart;
            if (entry != null && entry.since() != null && entry.since().isAfter(start)) {
                start = entry.since();
            }
            for (Review r : proposals) {
                if (!actionType.equals(targetOf(r))) {
                    continue;
                }
                if (r.state == ReviewState.PENDING) {
                    pending = r.id;
                } else if (r.state == ReviewState.REJECTED && r.decidedAt != null && r.decidedAt.isAfter(start)) {
                    start = r.decidedAt;
                }
            }
            Instant trackStart = start;
            UUID pendingId = pending;
            Instant firstWholeHour = trackStart.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
            return Panache.getSession().flatMap(s -> (decided == null ? Uni.createFrom().voidItem() : s.flush())
                    .chain(() -> s.createNativeQuery(COUNTS, Object[].class).setParameter(1, systemKey)
                            .setParameter(2, actionType).setParameter(3, trackStart.atOffset(ZoneOffset.UTC))
                            .setParameter(4, firstWholeHour.atOffset(ZoneOffset.UTC)).getResultList()))
                    .flatMap(rows -> RelaxationIncident.count("systemKey = ?1 and actionType = ?2 and occurredAt > ?3",
                            systemKey, actionType, windowStart).map(incidents -> {
                                Map<ReviewState, Long> counts = new LinkedHashMap<>();
                                for (Object[] row : rows) {
                                    counts.put(ReviewState.valueOf((String) row[0]), ((Number) row[1]).longValue());
                                }
                                Track track = new Track(counts.getOrDefault(ReviewState.APPROVED, 0L),
                                        counts.getOrDefault(ReviewState.MODIFIED, 0L),
                                        counts.getOrDefault(ReviewState.REJECTED, 0L),
                                        counts.getOrDefault(ReviewState.AUTO_APPROVED, 0L), incidents);
                                RelaxationAdvisor.Verdict verdict = RelaxationAdvisor.evaluate(track, config.bar(), shift);
                                return new TrackView(actionType, shift, entry == null ? null : entry.since(),
                                        entry == null ? null : entry.reason(), trackStart, track.volume(), track.decisions(),
                                        track.approvedUnmodified(), track.modified(), track.rejected(), track.autoApproved(),
                                        incidents, track.unmodifiedRate(), track.modificationRate(), track.rejectionRate(),
                                        verdict.lowerBound(), verdict.propose(), verdict.proposedShift(), verdict.reasons(),
                                        pendingId);
                            }));
        });
    }

    private Submission proposal(String systemKey, TrackView view) {
        RelaxationBar bar = config.bar();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("actionType", view.actionType());
        payload.put("fromShift", view.shift());
        payload.put("toShift", view.proposedShift());
        payload.put("trackStart", view.trackStart().toString());
        payload.put("decisions", view.decisions());
        payload.put("approvedUnmodified", view.approvedUnmodified());
        payload.put("modified", view.modified());
        payload.put("rejected", view.rejected());
        payload.put("autoApproved", view.autoApproved());
        payload.put("incidentsInWindow", view.incidentsInWindow());
        payload.put("unmodifiedRate", view.unmodifiedRate());
        payload.put("wilsonLowerBound", view.wilsonLowerBound());
        payload.put("bar", Map.of("minDecisions", bar.minDecisions(), "minUnmodifiedRate", bar.minUnmodifiedRate(),
                "minLowerBound", bar.minLowerBound(), "z", bar.z(), "window", config.window().toString()));
        payload.put("reasons", view.reasons());
        String summary = "Relax %s on %s by one tier (tier shift %d → %d): %d human decisions since %s, %d approved unmodified, no incident"
                .formatted(view.actionType(), systemKey, view.shift(), view.proposedShift(), view.decisions(),
                        view.trackStart(), view.approvedUnmodified());
        String sourceEventId = "relaxation/" + systemKey + "/" + view.actionType() + "/" + view.trackStart().toEpochMilli()
                + "/" + view.proposedShift();
        try {
            return new Submission(UUID.randomUUID(), null, systemKey, ActionTypes.RELAXATION, summary,
                    mapper.writeValueAsString(payload), null, null, null, null, Review.AUTO_DECIDER, sourceEventId,
                    Review.AUTO_DECIDER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a relaxation proposal", e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json == null ? "{}" : json);
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
