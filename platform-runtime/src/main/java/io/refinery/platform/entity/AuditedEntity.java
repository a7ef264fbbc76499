package io.refinery.platform.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The audit columns of an entity that people create and change through the API: who created it and when, who changed
 * it last and when ({@code created_at}, {@code created_by}, {@code updated_at}, {@code updated_by}, all not null; the
 * created pair never changes). The entity's table declares the four columns.
 */
@MappedSuperclass
public abstract class AuditedEntity extends PanacheEntityBase {

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
