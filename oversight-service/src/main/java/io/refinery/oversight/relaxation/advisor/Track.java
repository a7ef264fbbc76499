package io.refinery.oversight.relaxation.advisor;

/**
 * The decision history of one system and action type over its track (since the action type's last policy change,
 * inside the window): human decisions by outcome, automatic approvals, and incidents (a later alert, or a
 * reviewer's rejection, tied to an auto-approved action) inside the window.
 */
public record Track(long approvedUnmodified, long modified, long rejected, long autoApproved, long incidents) {

    public Track {
        if (approvedUnmodified < 0 || modified < 0 || rejected < 0 || autoApproved < 0 || incidents < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Decisions taken by people (automatic approvals are not evidence about the AI's judgment under review). */
    public long decisions() {
        return approvedUnmodified + modified + rejected;
    }

    /** Every request of the track, automatic ones included. */
    public long volume() {
        return decisions() + autoApproved;
    }

    /** Share of human decisions approved as proposed; null without decisions. */
    public Double unmodifiedRate() {
        return decisions() == 0 ? null : (double) approvedUnmodified / decisions();
    }

    public Double modificationRate() {
        return decisions() == 0 ? null : (double) modified / decisions();
    }

    public Double rejectionRate() {
        return decisions() == 0 ? null : (double) rejected / decisions();
    }
}
