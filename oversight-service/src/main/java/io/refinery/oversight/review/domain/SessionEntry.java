package io.refinery.oversight.review.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A note in a collaboration session's thread, optionally with an evidence link. */
@Entity
@Table(name = "session_entries")
public class SessionEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "review_id", nullable = false)
    public UUID reviewId;
    @Column(nullable = false)
    public String author;
    @Column(nullable = false)
    public String body;
    public String link;
    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;
}
