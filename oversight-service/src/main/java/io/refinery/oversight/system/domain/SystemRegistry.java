package io.refinery.oversight.system.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.platform.outbox.Outbox;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.systems.SystemEventData;
import io.smallrye.mutiny.Uni;

/** The AI system registry: every change commits together with its event on refinery.systems. */
@ApplicationScoped
public class SystemRegistry {

    /** What a caller may set on a system; the key is fixed at registration. */
    public record SystemDraft(String name, SystemKind kind, String ownerTeam, RiskProfile riskProfile) {
    }

    private final AiSystemRepository systems;
    private final Outbox outbox;

    public SystemRegistry(AiSystemRepository systems, Outbox outbox) {
        this.systems = systems;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<AiSystem> register(String key, SystemDraft draft, String actor) {
        return systems.findByKey(key).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ConflictProblem("key", "an AI system with key '" + key + "' is already registered"));
            }
            Instant now = Instant.now();
            AiSystem system = new AiSystem();
            system.id = UUID.randomUUID();
            system.systemKey = key;
            system.revision = 1;
            system.createdAt = now;
            system.createdBy = actor;
            apply(system, draft, now, actor);
            return systems.persist(system)
                    .call(saved -> outbox.append(SystemEventData.TOPIC, SystemEventData.REGISTERED, key, eventData(saved)));
        });
    }

    @WithTransaction
    public Uni<AiSystem> update(String key, SystemDraft draft, String actor) {
        return systems.findByKey(key).flatMap(system -> {
            if (system == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no AI system with key '" + key + "'"));
            }
            system.revision++;
            apply(system, draft, Instant.now(), actor);
            return systems.persist(system)
                    .call(saved -> outbox.append(SystemEventData.TOPIC, SystemEventData.UPDATED, key, eventData(saved)));
        });
    }

    @WithSession
    public Uni<AiSystem> get(String key) {
        return systems.findByKey(key).onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no AI system with key '" + key + "'"));
    }

    @WithSession
    public Uni<List<AiSystem>> page(String afterKey, SystemKind kind, int limit) {
        return systems.pageAfter(afterKey, kind, limit);
    }

    private static void apply(AiSystem system, SystemDraft draft, Instant now, String actor) {
        system.name = draft.name();
        system.kind = draft.kind();
        system.ownerTeam = draft.ownerTeam();
        system.riskProfile = draft.riskProfile();
        system.updatedAt = now;
        system.updatedBy = actor;
    }

    /** The registry entry as the shared contract of refinery.systems carries it. */
    static SystemEventData eventData(AiSystem system) {
        return new SystemEventData(system.systemKey, system.name, system.kind.name(), system.ownerTeam,
                new SystemEventData.RiskProfileData(system.riskProfile.brandImpact.name(),
                        system.riskProfile.financialImpact.name(), system.riskProfile.customerImpact.name()),
                system.revision, system.updatedAt);
    }
}
