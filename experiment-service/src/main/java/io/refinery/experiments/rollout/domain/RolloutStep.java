package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One step in a rollout's history: created, blocked, gate requested, phase approved, paused, rolled back... */
@Entity
@Table(name = "rollout_steps")
public class RolloutStep extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;
    @Column(nullable = false)
    public Instant at;
    @Column(nullable = false)
    public String step;
    @Column(nullable = false)
    public int phase;
    @Column(nullable = false)
    public String actor;
    /** JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    public String details;
}
