package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A retrain of a system's model, as an operator recorded it; concept drift after one recommends REVISE_ARCHITECTURE. */
@Entity
@Table(name = "drift_retrains")
public class DriftRetrain extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    /** When the retrained model went live. */
    @Column(nullable = false)
    public Instant at;
    @Column
    public String note;
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
