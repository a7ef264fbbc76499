package io.refinery.oversight.console.domain;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.review.domain.CollaborationSessions;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.domain.ReviewDecisions;
import io.refinery.oversight.review.domain.ReviewQueue;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/**
 * What the console's forms do, through the same domain services as {@code /api/v1/reviews}: decisions go to
 * {@link ReviewDecisions} (four eyes, no self-approval, decided stays decided, audited, published through the outbox),
 * claims and releases to {@link ReviewQueue}. A refusal of the rules fails the returned Uni with the same problem the
 * API answers (403, 409 or 400); a form that cannot be used fails it with a {@link FormProblem}.
 */
@ApplicationScoped
public class ConsoleDecisions {

    static final int MAX_NOTE = 8000;
    static final int MAX_LINK = 2000;

    private final ReviewDecisions decisions;
    private final ReviewQueue queue;
    private final CollaborationSessions sessions;
    private final OutboxRelay relay;
    private final ObjectMapper mapper;

    public ConsoleDecisions(ReviewDecisions decisions, ReviewQueue queue, CollaborationSessions sessions, OutboxRelay relay,
            ObjectMapper mapper) {
        this.decisions = decisions;
        this.queue = queue;
        this.sessions = sessions;
        this.relay = relay;
        this.mapper = mapper;
    }

    /** Decides as {@code user}; the notice says what happened (decided, or one approval of a four-eyes request). */
    public Uni<Notice> decide(UUID id, DecisionCommand command, ConsoleUser user) {
        Uni<Review> decided;
        try {
            decided = decisions.decide(id, command.input(user, mapper));
        } catch (FormProblem e) {
            return Uni.createFrom().failure(e);
        }
        return decided.invoke(relay::nudge).map(ConsoleDecisions::notice);
    }

    /** The joint decision of a deep-collaboration session, by one of its participants for all of them. */
    public Uni<Notice> decideJointly(UUID id, DecisionCommand command, ConsoleUser user) {
        Uni<Review> decided;
        try {
            decided = sessions.decide(id, command.input(user, mapper));
        } catch (FormProblem e) {
            return Uni.createFrom().failure(e);
        }
        return decided.invoke(relay::nudge).map(ConsoleDecisions::notice);
    }

    public Uni<Notice> join(UUID id, ConsoleUser user) {
        return sessions.join(id, user.name()).replaceWith(Notice.JOINED);
    }

    /** A note in the session's thread; the same limits as {@code POST /api/v1/reviews/{id}/session/notes}. */
    public Uni<Notice> note(UUID id, SessionThread.NoteForm form, ConsoleUser user) {
        String body = form.body() == null ? "" : form.body().strip();
        String link = form.link() == null || form.link().isBlank() ? null : form.link().strip();
        if (body.isEmpty()) {
            return Uni.createFrom().failure(new FormProblem("note", "Write the note before posting it."));
        }
        if (body.length() > MAX_NOTE) {
            return Uni.createFrom().failure(new FormProblem("note", "A note holds at most " + MAX_NOTE + " characters."));
        }
        if (link != null && (link.length() > MAX_LINK || !link.matches("(?i)^https?://\\S+$"))) {
            return Uni.createFrom().failure(new FormProblem("link",
                    "The evidence link must be an http(s) address of at most " + MAX_LINK + " characters, or empty."));
        }
        return sessions.post(id, user.name(), body, link).replaceWith(Notice.NOTE_POSTED);
    }

    public Uni<Notice> claim(UUID id, ConsoleUser user) {
        return queue.claim(id, user.name()).replaceWith(Notice.CLAIMED);
    }

    public Uni<Notice> release(UUID id, ConsoleUser user) {
        return queue.release(id, user.name(), user.isAdmin()).replaceWith(Notice.RELEASED);
    }

    private static Notice notice(Review review) {
        if (review.state == ReviewState.PENDING) {
            return Notice.APPROVAL_RECORDED;
        }
        return switch (review.state) {
            case REJECTED -> Notice.REJECTED;
            case MODIFIED -> Notice.MODIFIED;
            default -> Notice.APPROVED;
        };
    }
}
