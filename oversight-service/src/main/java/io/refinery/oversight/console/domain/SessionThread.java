package io.refinery.oversight.console.domain;

import java.util.List;

import io.refinery.oversight.review.domain.CollaborationSessions;

/**
 * A deep-collaboration request's session as a thread: who takes part and their notes, oldest first, and what the
 * signed-in person can do in it: join (a reviewer, approver or admin who did not submit the request), or post notes
 * (a participant, while the request is pending).
 */
public record SessionThread(List<String> participants, List<Note> notes, boolean canJoin, boolean canPost,
        NoteForm form) {

    /** One note, with an evidence link when its author gave one. */
    public record Note(String author, String body, String link, Stamp posted) {
    }

    /** The note form: what was typed (kept when a post is refused) and, then, why and at which field. */
    public record NoteForm(String body, String link, String error, String errorField) {

        public static final NoteForm BLANK = new NoteForm("", "", null, null);

        public NoteForm withError(String field, String message) {
            return new NoteForm(body, link, message, field);
        }
    }

    static SessionThread of(CollaborationSessions.Session s, ConsoleUser user, NoteForm form) {
        List<String> people = s.participants().stream().map(p -> p.person).toList();
        boolean pending = s.review().facts().pending();
        boolean joined = people.contains(user.name());
        boolean canJoin = pending && !joined && user.canDecide() && !user.name().equals(s.review().submittedBy);
        return new SessionThread(people,
                s.entries().stream().map(e -> new Note(e.author, e.body, safeLink(e.link), Stamp.of(e.postedAt))).toList(),
                canJoin, pending && joined && user.canDecide(), form);
    }

    /** Only http(s) links become links (the API checks this on the way in; the page does not rely on it). */
    private static String safeLink(String link) {
        return link != null && link.matches("(?i)^https?://\\S+$") ? link : null;
    }
}
