package io.refinery.oversight.review.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.platform.outbox.Outbox;
import io.refinery.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SLA clock: pending requests past their due time are escalated once to their escalation role (audited,
 * {@code io.refinery.oversight.review.overdue.v1} published), and the gauges
 * {@code refinery_oversight_pending{system,tier}} / {@code refinery_oversight_overdue{system,tier}} and
 * {@code refinery_oversight_tier_shift{system,action}} (relaxation and incidents) are refreshed from PostgreSQL.
 * Every replica runs it; {@code FOR UPDATE SKIP LOCKED} gives each overdue row to one of them.
 * Time comes from the injected {@link Clock}, which tests replace.
 */
@ApplicationScoped
public class SlaEscalation {

    private static final Logger LOG = Logger.getLogger(SlaEscalation.class);
    private static final String DUE = "select cast(id as text) from oversight.reviews where state = 'PENDING'"
            + " and escalated_at is null and due_at <= ?1 order by due_at limit 200 for update skip locked";
    private static final String COUNTS = "select system_key, tier, count(*) as pending,"
            + " count(*) filter (where due_at <= $1) as overdue from oversight.reviews where state = 'PENDING'"
            + " group by system_key, tier";
    /** The tier shift of each action type in each system's latest policy version. */
    private static final String SHIFTS = "select p.system_key, s.value ->> 'actionType' as action_type,"
            + " (s.value ->> 'shift')::int as shift from oversight.policies p"
            + " join (select system_key, max(version) as version from oversight.policies group by system_key) l"
            + " on l.system_key = p.system_key and l.version = p.version"
            + " cross join lateral jsonb_array_elements(coalesce(p.document::jsonb -> 'tierShifts', '[]'::jsonb)) s";

    private final AuditLog audit;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Pool pool;
    private final Clock clock;
    private final MultiGauge pending;
    private final MultiGauge overdue;
    private final MultiGauge shifts;

    public SlaEscalation(AuditLog audit, Outbox outbox, OutboxRelay relay, Pool pool, Clock clock, MeterRegistry registry) {
        this.audit = audit;
        this.outbox = outbox;
        this.relay = relay;
        this.pool = pool;
        this.clock = clock;
        this.pending = MultiGauge.builder("refinery_oversight_pending").description("Pending oversight requests")
                .register(registry);
        this.overdue = MultiGauge.builder("refinery_oversight_overdue")
                .description("Pending oversight requests past their due time").register(registry);
        this.shifts = MultiGauge.builder("refinery_oversight_tier_shift")
                .description("Tier shift per system and action type in the latest policy: -1 relaxed one tier, +1 tightened one")
                .register(registry);
    }

    @Scheduled(every = "${refinery.oversight.sla-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return runNow().onFailure().invoke(e -> LOG.warnf("SLA pass failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass now: escalates what is overdue, refreshes the gauges; returns how many were escalated. */
    public Uni<Integer> runNow() {
        return escalate().invoke(n -> {
            if (n > 0) {
                relay.nudge();
            }
        }).call(this::refreshGauges);
    }

    @WithTransaction
    Uni<Integer> escalate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return audit.lock().flatMap(x -> Panache.getSession()).flatMap(session -> session.createNativeQuery(DUE, String.class)
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).getResultList())
                .flatMap(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String id : ids) {
                        chain = chain.call(() -> escalateOne(UUID.fromString(id), now));
                    }
                    return chain.replaceWith(ids.size());
                });
    }

    private Uni<Void> escalateOne(UUID id, Instant now) {
        return Review.<Review> findById(id).flatMap(review -> {
            review.escalatedAt = now;
            return audit.append("sla-scheduler", "REVIEW_ESCALATED", review.systemKey, id.toString(),
                    Map.of("dueAt", review.dueAt.toString(), "escalatedTo", review.escalationRole,
                            "assignee", review.assignee == null ? "" : review.assignee))
                    .call(() -> outbox.append(ReviewEventTypes.REQUESTS_TOPIC, ReviewEventTypes.REVIEW_OVERDUE, review.systemKey,
                            new ReviewOverdue(id, review.systemKey, review.actionType, review.tier.name(), review.dueAt,
                                    review.escalationRole, review.assignee, now)))
                    .replaceWithVoid();
        });
    }

    Uni<Void> refreshGauges() {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC))).invoke(rows -> {
            List<MultiGauge.Row<?>> p = new ArrayList<>();
            List<MultiGauge.Row<?>> o = new ArrayList<>();
            for (Row r : rows) {
                Tags tags = Tags.of("system", r.getString("system_key"), "tier", r.getString("tier"));
                p.add(MultiGauge.Row.of(tags, r.getLong("pending")));
                o.add(MultiGauge.Row.of(tags, r.getLong("overdue")));
            }
            pending.register(p, true);
            overdue.register(o, true);
        }).flatMap(x -> pool.query(SHIFTS).execute()).invoke(rows -> {
            List<MultiGauge.Row<?>> s = new ArrayList<>();
            for (Row r : rows) {
                s.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "action", r.getString("action_type")),
                        r.getInteger("shift")));
            }
            shifts.register(s, true);
        }).replaceWithVoid();
    }
}
