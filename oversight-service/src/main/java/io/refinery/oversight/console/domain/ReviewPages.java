package io.refinery.oversight.console.domain;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.refinery.oversight.evidence.domain.EvidenceBundle;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.domain.CollaborationSessions;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.domain.ReviewApproval;
import io.refinery.oversight.review.domain.ReviewQueue;
import io.smallrye.mutiny.Uni;

/**
 * Loads the review page of one request through the review feature's own services: the request and its approvals
 * ({@link ReviewQueue}), its history from the audit log, its session thread ({@link CollaborationSessions}) and the
 * evidence bundle ({@link EvidenceBundle}), which is gathered from the other services while the rest is read.
 */
@ApplicationScoped
public class ReviewPages {

    private static final Logger LOG = Logger.getLogger(ReviewPages.class);

    private final ReviewQueue queue;
    private final ReviewHistory history;
    private final CollaborationSessions sessions;
    private final EvidenceBundle evidence;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ReviewPages(ReviewQueue queue, ReviewHistory history, CollaborationSessions sessions, EvidenceBundle evidence,
            ObjectMapper mapper, Clock clock) {
        this.queue = queue;
        this.history = history;
        this.sessions = sessions;
        this.evidence = evidence;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The page; a 404 problem when there is no such request. */
    @WithSession
    public Uni<ReviewPage> load(UUID id, ConsoleFrame frame, DecisionForm form, Notice notice) {
        return load(id, frame, form, SessionThread.NoteForm.BLANK, notice);
    }

    /** The page with the session's note form as typed (after a refused note). */
    @WithSession
    public Uni<ReviewPage> load(UUID id, ConsoleFrame frame, DecisionForm form, SessionThread.NoteForm noteForm,
            Notice notice) {
        return queue.get(id).flatMap(review -> {
            Uni<List<EvidencePanel>> panels = evidence.gather(review)
                    .map(bundle -> EvidencePanels.of(review.systemKey, bundle.parts()))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("evidence of review %s could not be gathered: %s", id, e.toString());
                        return List.of(EvidencePanel.unavailable("evidence", "Evidence", "the other services", e.toString()));
                    });
            Uni<ReviewPage> stored = queue.approvals(id).flatMap(approvals -> history.of(review.systemKey, id)
                    .flatMap(entries -> thread(review, frame.user(), noteForm).map(thread -> page(review, approvals, entries,
                            thread, frame, form, notice))));
            return Uni.combine().all().unis(stored, panels).asTuple().map(t -> withEvidence(t.getItem1(), t.getItem2()));
        });
    }

    private Uni<SessionThread> thread(Review review, ConsoleUser user, SessionThread.NoteForm noteForm) {
        return review.tier == Tier.DEEP_COLLABORATION ? sessions.get(review.id).map(s -> SessionThread.of(s, user, noteForm))
                : Uni.createFrom().nullItem();
    }

    private ReviewPage page(Review r, List<ReviewApproval> approvals, List<HistoryEntry> entries, SessionThread thread,
            ConsoleFrame frame, DecisionForm form, Notice notice) {
        List<String> approvers = approvals.stream().map(a -> a.approver).toList();
        return new ReviewPage(frame, ReviewSummary.of(r, clock.instant()), readable(r.payload), readable(r.modifications),
                approvals.stream().map(a -> new ReviewPage.Approval(a.approver, Labels.constant(a.outcome.name()), a.rationale,
                        Stamp.of(a.approvedAt))).toList(),
                DecisionPanel.of(r.facts(), approvers, frame.user(), thread == null ? null : thread.participants()), form, List.of(), entries, thread, notice);
    }

    private static ReviewPage withEvidence(ReviewPage p, List<EvidencePanel> panels) {
        return new ReviewPage(p.frame(), p.review(), p.payload(), p.modifications(), p.approvals(), p.decision(), p.form(),
                panels, p.history(), p.session(), p.notice());
    }

    private ReadableJson readable(String json) {
        if (json == null) {
            return ReadableJson.EMPTY;
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (Exception e) {
            node = TextNode.valueOf(json);
        }
        return ReadableJson.of(node);
    }
}
