package io.refinery.oversight.review.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A person working a DEEP_COLLABORATION request. */
@Entity
@Table(name = "session_participants")
@IdClass(SessionParticipant.Key.class)
public class SessionParticipant extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID reviewId;
        public String person;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.reviewId, reviewId) && Objects.equals(k.person, person);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reviewId, person);
        }
    }

    @Id
    @Column(name = "review_id")
    public UUID reviewId;
    @Id
    public String person;
    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;
}
