package io.refinery.oversight.system.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The registry's AI systems in PostgreSQL: by key, and paged by key. */
@ApplicationScoped
public class AiSystemRepository implements PanacheRepositoryBase<AiSystem, UUID> {

    public Uni<AiSystem> findByKey(String key) {
        return find("systemKey", key).firstResult();
    }

    /** Keyset page ordered by key: systems whose key sorts after {@code afterKey} (null for the first page). */
    public Uni<List<AiSystem>> pageAfter(String afterKey, SystemKind kind, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (afterKey != null) {
            query.append(" and systemKey > :after");
            params.put("after", afterKey);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.put("kind", kind);
        }
        return find(query.toString(), Sort.by("systemKey"), params).range(0, limit - 1).list();
    }
}
