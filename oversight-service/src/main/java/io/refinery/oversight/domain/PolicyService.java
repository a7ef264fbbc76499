package io.refinery.oversight.domain;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.policy.Policy;
import io.smallrye.mutiny.Uni;

/** Versioned oversight policies per AI system; every change is audited with the approver who made it. */
@ApplicationScoped
public class PolicyService {

    /** A policy version with its resolver form. */
    public record Versioned(PolicyVersion row, PolicyDocument document, Policy policy) {
    }

    private final AiSystemRepository systems;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public PolicyService(AiSystemRepository systems, AuditLog audit, ObjectMapper mapper, Clock clock) {
        this.systems = systems;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Versioned> replace(String systemKey, PolicyDocument document, String actor) {
        Policy policy = document.toPolicy();
        String json = write(document);
        return systems.findByKey(systemKey).flatMap(system -> {
            if (system == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no AI system with key '" + systemKey + "'"));
            }
            return latest(systemKey).flatMap(previous -> {
                PolicyVersion row = new PolicyVersion();
                row.systemKey = systemKey;
                row.version = previous == null ? 1 : previous.version + 1;
                row.document = json;
                row.createdAt = clock.instant();
                row.createdBy = actor;
                return row.<PolicyVersion> persist()
                        .call(saved -> audit.append(actor, "POLICY_CHANGED", systemKey, systemKey + "@v" + saved.version,
                                Map.of("version", saved.version, "policy", mapper.valueToTree(document))))
                        .map(saved -> new Versioned(saved, document, policy));
            });
        });
    }

    @WithSession
    public Uni<Versioned> current(String systemKey) {
        return systems.findByKey(systemKey).flatMap(system -> {
            if (system == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no AI system with key '" + systemKey + "'"));
            }
            return latest(systemKey).onItem().ifNull()
                    .failWith(() -> new NotFoundProblem("AI system '" + systemKey + "' has no policy yet"))
                    .map(this::versioned);
        });
    }

    /** The latest version in the caller's session, or null when the system has none. */
    public Uni<Versioned> latestOrNull(String systemKey) {
        return latest(systemKey).map(row -> row == null ? null : versioned(row));
    }

    private Uni<PolicyVersion> latest(String systemKey) {
        return PolicyVersion.<PolicyVersion> find("systemKey", Sort.descending("version"), systemKey).firstResult();
    }

    private Versioned versioned(PolicyVersion row) {
        try {
            PolicyDocument doc = mapper.readValue(row.document, PolicyDocument.class);
            return new Versioned(row, doc, doc.toPolicy());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy " + row.systemKey + "@v" + row.version + " is unreadable", e);
        }
    }

    private String write(PolicyDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a policy", e);
        }
    }
}
