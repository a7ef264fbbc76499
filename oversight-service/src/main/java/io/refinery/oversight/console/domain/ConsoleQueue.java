package io.refinery.oversight.console.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.rules.ReviewState;
import io.smallrye.mutiny.Uni;

/**
 * The queue as the console reads it: the review feature's requests ({@link Review}) filtered by tier, system, state
 * and action type and ordered by due time then id (the order of {@code GET /api/v1/reviews}), the overdue count the
 * header shows, and the systems and action types the filter form suggests.
 */
@ApplicationScoped
public class ConsoleQueue {

    /** How many rows one queue page shows. */
    public static final int LIMIT = 200;
    /** How many systems or action types the filter form lists at most. */
    private static final int OPTIONS = 300;
    /** Every state, PENDING (what needs people) first. */
    private static final List<String> STATES = java.util.stream.Stream.concat(java.util.stream.Stream.of(ReviewState.PENDING),
            Arrays.stream(ReviewState.values()).filter(s -> s != ReviewState.PENDING)).map(Enum::name).toList();

    private final Clock clock;

    public ConsoleQueue(Clock clock) {
        this.clock = clock;
    }

    @WithSession
    public Uni<QueuePage> page(ConsoleFrame frame, QueueFilter filter, Notice notice) {
        Instant now = clock.instant();
        return rows(filter, LIMIT + 1).flatMap(found -> options().map(options -> new QueuePage(frame, filter,
                found.stream().limit(LIMIT).map(r -> QueueRow.of(r, now)).toList(), found.size() > LIMIT, LIMIT, options,
                notice)));
    }

    /** Pending requests past their due time. */
    @WithSession
    public Uni<Long> overdue() {
        return Review.count("state = ?1 and dueAt <= ?2", ReviewState.PENDING, clock.instant());
    }

    private Uni<List<Review>> rows(QueueFilter f, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (f.state() != null) {
            q.append(" and state = :state");
            p.put("state", f.state());
        }
        if (f.tier() != null) {
            q.append(" and tier = :tier");
            p.put("tier", f.tier());
        }
        if (f.systemKey() != null) {
            q.append(" and systemKey = :systemKey");
            p.put("systemKey", f.systemKey());
        }
        if (f.actionType() != null) {
            q.append(" and actionType = :actionType");
            p.put("actionType", f.actionType());
        }
        return Review.<Review> find(q.toString(), Sort.by("dueAt").and("id"), p).range(0, limit - 1).list();
    }

    /** Systems from the registry (a small table) and the action types of pending requests: choices, not limits. */
    private Uni<QueuePage.Options> options() {
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select s.systemKey from AiSystem s order by s.systemKey", String.class)
                .setMaxResults(OPTIONS).getResultList()
                .flatMap(systems -> session.createSelectionQuery("select distinct r.actionType from Review r"
                        + " where r.state = :state order by r.actionType", String.class)
                        .setParameter("state", ReviewState.PENDING).setMaxResults(OPTIONS).getResultList()
                        .map(actions -> new QueuePage.Options(Arrays.stream(Tier.values()).map(Enum::name).toList(),
                                STATES, systems, actions))));
    }
}
