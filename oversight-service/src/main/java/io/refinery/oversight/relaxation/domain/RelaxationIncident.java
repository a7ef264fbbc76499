package io.refinery.oversight.relaxation.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A later alert, or a reviewer's rejection, tied to an auto-approved action; it tightened the action type's tier. */
@Entity
@Table(name = "relaxation_incidents")
public class RelaxationIncident extends PanacheEntityBase {

    public enum Kind {
        /** An alert of the system fired soon after the auto-approved action. */
        ALERT,
        /** A reviewer rejected the auto-approved action after the fact. */
        OVERRIDE
    }

    @Id
    public UUID id;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    @Column(name = "action_type", nullable = false)
    public String actionType;
    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;
    /** What makes it count once: {@code alert:<event id>:<action type>} or {@code override:<review id>}. */
    @Column(name = "source_key", nullable = false)
    public String sourceKey;
    /** The auto-approved action it is tied to. */
    @Column(name = "review_id", nullable = false)
    public UUID reviewId;
    @Column(nullable = false)
    public String reason;
    @Column(name = "reported_by", nullable = false)
    public String reportedBy;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    @Column(name = "shift_before", nullable = false)
    public int shiftBefore;
    @Column(name = "shift_after", nullable = false)
    public int shiftAfter;
    /** The policy version that tightened, or null when the tier was already as conservative as a shift goes. */
    @Column(name = "policy_version")
    public Integer policyVersion;
}
