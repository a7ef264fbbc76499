package io.refinery.oversight.console.domain;

import java.util.List;

import io.refinery.oversight.review.domain.CollaborationSessions;

/** A deep-collaboration request's session as a thread: who takes part and their notes, oldest first. */
public record SessionThread(List<String> participants, List<Note> notes) {

    /** One note, with an evidence link when its author gave one. */
    public record Note(String author, String body, String link, Stamp posted) {
    }

    static SessionThread of(CollaborationSessions.Session s) {
        return new SessionThread(s.participants().stream().map(p -> p.person).toList(),
                s.entries().stream().map(e -> new Note(e.author, e.body, safeLink(e.link), Stamp.of(e.postedAt))).toList());
    }

    /** Only http(s) links become links (the API checks this on the way in; the page does not rely on it). */
    private static String safeLink(String link) {
        return link != null && link.matches("(?i)^https?://\\S+$") ? link : null;
    }
}
