package io.refinery.oversight.policy.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One version of a system's policy; versions are never changed, a new PUT adds the next one. */
@Entity
@Table(name = "policies")
@IdClass(PolicyVersion.Key.class)
public class PolicyVersion extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String systemKey;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.systemKey, systemKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(systemKey, version);
        }
    }

    @Id
    @Column(name = "system_key")
    public String systemKey;

    @Id
    public int version;

    @Column(nullable = false)
    public String document;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
