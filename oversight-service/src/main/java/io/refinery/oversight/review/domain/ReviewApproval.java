package io.refinery.oversight.review.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.refinery.oversight.review.rules.Outcome;

/** One approver's approval of a request; a request needing two gets two rows from two distinct people. */
@Entity
@Table(name = "review_approvals")
@IdClass(ReviewApproval.Key.class)
public class ReviewApproval extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID reviewId;
        public String approver;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.reviewId, reviewId) && Objects.equals(k.approver, approver);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reviewId, approver);
        }
    }

    @Id
    @Column(name = "review_id")
    public UUID reviewId;
    @Id
    public String approver;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;
    @Column(nullable = false)
    public String rationale;
    public String modifications;
    @Column(name = "approved_at", nullable = false)
    public Instant approvedAt;
}
