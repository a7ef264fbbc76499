package io.refinery.oversight.system.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An AI system in the registry; every other service learns of it from the refinery.systems topic. */
@Entity
@Table(name = "ai_systems")
public class AiSystem extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "system_key", nullable = false, unique = true, updatable = false)
    public String systemKey;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SystemKind kind;

    @Column(name = "owner_team", nullable = false)
    public String ownerTeam;

    @Embedded
    public RiskProfile riskProfile;

    /** Starts at 1 and grows with every update; consumers apply an event only if it is newer than what they hold. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
