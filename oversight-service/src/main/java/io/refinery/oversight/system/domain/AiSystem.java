package io.refinery.oversight.system.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.refinery.platform.entity.AuditedEntity;

/** An AI system in the registry; every other service learns of it from the refinery.systems topic. */
@Entity
@Table(name = "ai_systems")
public class AiSystem extends AuditedEntity {

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

}
