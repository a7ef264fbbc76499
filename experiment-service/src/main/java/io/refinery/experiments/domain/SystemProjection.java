package io.refinery.experiments.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * This service's copy of an AI system from the registry, kept from refinery.systems. Data for a system that is
 * not here is refused; the registry itself belongs to oversight-service.
 */
@Entity
@Table(name = "systems")
public class SystemProjection extends PanacheEntityBase {

    @Id
    @Column(name = "system_key")
    public String systemKey;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(name = "owner_team", nullable = false)
    public String ownerTeam;

    @Column(name = "brand_impact", nullable = false)
    public String brandImpact;

    @Column(name = "financial_impact", nullable = false)
    public String financialImpact;

    @Column(name = "customer_impact", nullable = false)
    public String customerImpact;

    /** The registry's revision; older or repeated events never overwrite a newer one. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
