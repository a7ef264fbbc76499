package io.refinery.oversight.console.domain;

import java.util.Arrays;

/**
 * The one-line confirmations a page shows after a form was handled and the browser was redirected
 * ({@code ?notice=code}). Only these fixed texts can appear, so a link cannot put words on the page.
 */
public enum Notice {
    APPROVED("approved", "Approved. The decision is recorded, audited and published to the system that asked."),
    REJECTED("rejected", "Rejected. The decision is recorded, audited and published to the system that asked."),
    MODIFIED("modified", "Approved with modifications. The decision is recorded, audited and published."),
    APPROVAL_RECORDED("approval-recorded", "Your approval is recorded. The request needs a second approver (role "
            + "approver or admin) before it is decided, so it stays in the queue."),
    CLAIMED("claimed", "You hold this request now; others see it as claimed by you."),
    RELEASED("released", "The request is back in the queue for anyone to take."),
    JOINED("joined", "You joined the session: you can post notes, and the people in it decide together."),
    NOTE_POSTED("note-posted", "Your note is in the thread (and in the audit log)."),
    SIGNED_OUT("signed-out", "You are signed out. The session cookie is cleared.");

    private final String code;
    private final String text;

    Notice(String code, String text) {
        this.code = code;
        this.text = text;
    }

    public String code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The notice of {@code code}, or null for none or an unknown code. */
    public static Notice ofCode(String code) {
        return code == null ? null : Arrays.stream(values()).filter(n -> n.code.equals(code)).findFirst().orElse(null);
    }
}
