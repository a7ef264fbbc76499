package io.refinery.oversight.policy.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.oversight.policy.tiers.Policy;
import io.refinery.oversight.system.domain.AiSystemRepository;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
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

    /**
     * A new version from an approver. {@code shiftsGiven} false keeps the current version's tier shifts; given shifts
     * keep their {@code since} and reason when unchanged, and otherwise start now with the actor named.
     */
    @WithTransaction
    public Uni<Versioned> replace(String systemKey, PolicyDocument document, boolean shiftsGiven, String actor) {
        return replace(systemKey, document, shiftsGiven, actor, null);
    }

    /**
     * As {@link #replace(String, PolicyDocument, boolean, String)}, but only when the latest version is still
     * {@code basedOn} (0: no policy yet), checked under the audit lock; otherwise a {@link ConflictProblem} and nothing
     * is written. {@code basedOn} null skips the check.
     */
    @WithTransaction
    public Uni<Versioned> replace(String systemKey, PolicyDocument document, boolean shiftsGiven, String actor,
            Integer basedOn) {
        document.toPolicy();
        return audit.lock().flatMap(x -> systems.findByKey(systemKey)).flatMap(system -> {
            if (system == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no AI system with key '" + systemKey + "'"));
            }
            return latest(systemKey).flatMap(previous -> {
                int current = previous == null ? 0 : previous.version;
                if (basedOn != null && basedOn != current) {
                    return Uni.createFrom().failure(new ConflictProblem("version", "the policy of '" + systemKey
                            + "' changed since version " + basedOn + " was shown: it is at version " + current + " now"));
                }
                PolicyDocument merged = merge(document, shiftsGiven, previous == null ? null : versioned(previous).document(),
                        "set by " + actor + " in a policy change");
                return write(systemKey, previous, merged, actor, Map.of());
            });
        });
    }

    /** The draft with the current shifts when it names none, as {@link #replace} would store it. */
    public PolicyDocument merge(PolicyDocument draft, boolean shiftsGiven, PolicyDocument current, String reason) {
        if (!shiftsGiven) {
            return draft.withShifts(current == null ? List.of() : current.tierShifts());
        }
        Instant now = now();
        List<PolicyDocument.ShiftDocument> shifts = new ArrayList<>();
        for (PolicyDocument.ShiftDocument given : draft.tierShifts()) {
            PolicyDocument.ShiftDocument old = current == null ? null : current.shiftOf(given.actionType());
            shifts.add(old != null && old.shift() == given.shift() ? old
                    : new PolicyDocument.ShiftDocument(given.actionType(), given.shift(), now, reason));
        }
        return draft.withShifts(shifts);
    }

    /**
     * Sets one action type's tier shift as a new version, in the caller's transaction, audited as POLICY_CHANGED with
     * {@code details} added; a system without a policy gets its first version (no rules, the defaults).
     */
    public Uni<Versioned> shift(String systemKey, String actionType, int shift, String reason, String actor,
            Map<String, ?> details) {
        return audit.lock().flatMap(x -> latest(systemKey)).flatMap(previous -> {
            PolicyDocument current = previous == null ? new PolicyDocument(List.of(), null, null, null)
                    : versioned(previous).document();
            PolicyDocument next = current.withShift(new PolicyDocument.ShiftDocument(actionType, shift, now(), reason));
            return write(systemKey, previous, next, actor, details);
        });
    }

    private Uni<Versioned> write(String systemKey, PolicyVersion previous, PolicyDocument document, String actor,
            Map<String, ?> extra) {
        Policy policy = document.toPolicy();
        PolicyVersion row = new PolicyVersion();
        row.systemKey = systemKey;
        row.version = previous == null ? 1 : previous.version + 1;
        row.document = write(document);
        row.createdAt = now();
        row.createdBy = actor;
        Map<String, Object> details = new HashMap<>(extra);
        details.put("version", row.version);
        details.put("policy", mapper.valueToTree(document));
        return row.<PolicyVersion> persist()
                .call(saved -> audit.append(actor, "POLICY_CHANGED", systemKey, systemKey + "@v" + saved.version, details))
                .map(saved -> new Versioned(saved, document, policy));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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
