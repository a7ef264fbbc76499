package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.RolloutPosition;
import io.refinery.experiments.rollout.machine.RolloutState;
import io.refinery.experiments.rollout.machine.RolloutTraffic;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The rollouts that serve a phase, held in memory like the experiments' assignment snapshot and re-read on the same
 * schedule ({@code refinery.experiments.snapshot-refresh}, 2 s), so an assignment never waits on the database. A
 * decision applied on any replica is served everywhere within one refresh. A system's running holdout keeps its units
 * out of every rollout created since it began (reason HOLDOUT).
 */
@ApplicationScoped
public class RolloutAssignments {

    private static final Logger LOG = Logger.getLogger(RolloutAssignments.class);
    private static final String LOAD = "select key, system_key, variant, state, phase, requested_phase, phases, created_at"
            + " from experiments.rollouts where state in ('RUNNING', 'PAUSED', 'AWAITING_GATE', 'COMPLETED') and phase >= 0";

    /** A serving rollout. */
    record Serving(String key, String systemKey, String variant, RolloutPosition position, List<Phase> phases,
            Instant createdAt) {
    }

    /** One answer: the variant when the unit gets it, else null, and why. */
    public record Answer(String rolloutKey, String unitId, boolean inRollout, String variant, RolloutTraffic.Reason reason,
            String phase) {
    }

    private final Pool pool;
    private final RolloutJson json;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private volatile Map<String, Serving> byKey = Map.of();
    private volatile Map<String, List<Serving>> bySystem = Map.of();

    public RolloutAssignments(Pool pool, RolloutJson json) {
        this.pool = pool;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        refresh().subscribe().with(x -> {
        }, e -> LOG.warnf("first rollout snapshot failed, the schedule retries: %s", e.toString()));
    }

    @Scheduled(every = "${refinery.experiments.snapshot-refresh:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().invoke(e -> LOG.warnf("rollout snapshot refresh failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> refresh() {
        long read = reads.incrementAndGet();
        return pool.query(LOAD).execute().invoke(rows -> {
            Map<String, Serving> keys = new HashMap<>();
            Map<String, List<Serving>> systems = new HashMap<>();
            for (Row row : rows) {
                Rollout r = new Rollout();
                r.phases = row.getString("phases");
                Serving s = new Serving(row.getString("key"), row.getString("system_key"), row.getString("variant"),
                        new RolloutPosition(RolloutState.valueOf(row.getString("state")), row.getInteger("phase"),
                                row.getInteger("requested_phase")), json.phases(r),
                        row.getOffsetDateTime("created_at").toInstant());
                keys.put(s.key(), s);
                systems.computeIfAbsent(s.systemKey(), k -> new ArrayList<>()).add(s);
            }
            systems.values().forEach(list -> list.sort(java.util.Comparator.comparing(Serving::key)));
            synchronized (this) {
                if (read > applied.get()) {
                    applied.set(read);
                    byKey = keys;
                    bySystem = systems;
                }
            }
        }).replaceWithVoid();
    }

    /**
     * The answer for one rollout, or null when it serves no phase (unknown, or not serving).
     *
     * @param holdout the system's holdout when it holds the unit out (see {@code Assignments.holdoutOf}), else null
     */
    public Answer assign(String rolloutKey, String unitId, Map<String, String> attributes, Holdout holdout) {
        Serving s = byKey.get(rolloutKey);
        return s == null ? null : answer(s, unitId, attributes, holdout);
    }

    /** The system of a serving rollout, or null. */
    public String systemOf(String rolloutKey) {
        Serving s = byKey.get(rolloutKey);
        return s == null ? null : s.systemKey();
    }

    /** The answers of every serving rollout of the system; {@code holdout} as for {@link #assign}. */
    public List<Answer> assignAll(String systemKey, String unitId, Map<String, String> attributes, Holdout holdout) {
        List<Answer> answers = new ArrayList<>();
        for (Serving s : bySystem.getOrDefault(systemKey, List.of())) {
            answers.add(answer(s, unitId, attributes, holdout));
        }
        return answers;
    }

    private static Answer answer(Serving s, String unitId, Map<String, String> attributes, Holdout holdout) {
        if (holdout != null && holdout.keepsOut(s.key(), s.createdAt())) {
            return new Answer(s.key(), unitId, false, null, RolloutTraffic.Reason.HOLDOUT, null);
        }
        RolloutTraffic.Decision d = RolloutTraffic.decide(s.key(), s.variant(), s.position(), s.phases(), unitId, attributes);
        return new Answer(s.key(), unitId, d.variant(), d.variant() ? s.variant() : null, d.reason(), d.phase());
    }
}
