package io.refinery.experiments.assignment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.refinery.experiments.assignment.allocation.Allocation;
import io.refinery.experiments.assignment.allocation.AssignmentSnapshot;
import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.experiment.domain.ExperimentInput;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.experiment.domain.ExperimentState;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Serves assignments from memory. Every replica keeps an {@link AssignmentSnapshot} of the experiments, loaded from
 * PostgreSQL at start, re-read on a short schedule ({@code refinery.experiments.snapshot-refresh}, 2 s), so a change
 * made on another replica is followed within that interval, and re-read at once after a change on this replica.
 * An assignment never touches the database. A read that finishes after a newer one never replaces it. A system's
 * running holdout keeps its units out of every experiment started since it began (reason {@code HOLDOUT}).
 */
@ApplicationScoped
public class Assignments {

    private static final Logger LOG = Logger.getLogger(Assignments.class);
    private static final String LOAD = "select e.key, e.system_key, e.kind, e.state, e.traffic_fraction, e.variants,"
            + " e.started_at, w.version as weights_version, w.weights as bandit_weights from experiments.experiments e"
            + " left join lateral (select b.version, b.weights from experiments.bandit_weights b"
            + " where b.experiment_id = e.id order by b.version desc limit 1) w on e.state = 'RUNNING'";
    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() {
    };
    private static final TypeReference<List<VariantSpec>> VARIANTS = new TypeReference<>() {
    };

    /**
     * One assignment answer.
     *
     * @param weightsVersion a bandit's: the version of its weights that drew the variant (with the unit's hash it
     *     explains the assignment); null for fixed weights
     */
    public record Assignment(String experimentKey, String unitId, boolean inExperiment, String variant, String reason,
            Integer weightsVersion) {
        public static final String NOT_RUNNING = "NOT_RUNNING";
        public static final String NOT_IN_TRAFFIC = "NOT_IN_TRAFFIC";
        /** The system's holdout keeps the unit out of every experiment started since it began. */
        public static final String HOLDOUT = "HOLDOUT";
    }

    private final Pool pool;
    private final ObjectMapper mapper;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private volatile AssignmentSnapshot snapshot = AssignmentSnapshot.EMPTY;
    private volatile boolean loaded;

    public Assignments(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        refresh().subscribe().with(x -> {
        }, e -> LOG.warnf("first experiment snapshot failed, the schedule retries: %s", e.toString()));
    }

    @Scheduled(every = "${refinery.experiments.snapshot-refresh:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().invoke(e -> LOG.warnf("experiment snapshot refresh failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Re-reads the experiments; completes once the new snapshot is in place. */
    public Uni<Void> refresh() {
        long read = reads.incrementAndGet();
        return pool.query(LOAD).execute().map(rows -> {
            Map<String, AssignmentSnapshot.Entry> byKey = new HashMap<>();
            Map<String, List<Allocation>> bySystem = new HashMap<>();
            Map<String, Holdout> holdouts = new HashMap<>();
            for (Row row : rows) {
                String key = row.getString("key");
                String state = row.getString("state");
                String system = row.getString("system_key");
                Instant startedAt = row.getOffsetDateTime("started_at") == null ? null
                        : row.getOffsetDateTime("started_at").toInstant();
                Allocation allocation = null;
                Integer version = row.getInteger("weights_version");
                if (ExperimentState.RUNNING.name().equals(state)) {
                    allocation = allocation(key, row.getDouble("traffic_fraction"), row.getString("variants"),
                            row.getString("bandit_weights"));
                    bySystem.computeIfAbsent(system, s -> new ArrayList<>()).add(allocation);
                    if (ExperimentInput.Kind.HOLDOUT.name().equals(row.getString("kind"))) {
                        holdouts.put(system, new Holdout(key, allocation, startedAt));
                    }
                }
                byKey.put(key, new AssignmentSnapshot.Entry(state, system, allocation, startedAt, version));
            }
            bySystem.values().forEach(list -> list.sort(java.util.Comparator.comparing(Allocation::experimentKey)));
            return new AssignmentSnapshot(byKey, bySystem, holdouts);
        }).invoke(next -> {
            synchronized (this) {
                if (read > applied.get()) {
                    applied.set(read);
                    snapshot = next;
                    loaded = true;
                }
            }
        }).replaceWithVoid();
    }

    /** Whether a snapshot has been loaded since start. */
    public boolean loaded() {
        return loaded;
    }

    /** The unit's variant in one experiment; throws {@link NotFoundProblem} for an unknown key. */
    public Assignment assign(String experimentKey, String unitId) {
        AssignmentSnapshot current = snapshot;
        AssignmentSnapshot.Entry entry = current.byKey().get(experimentKey);
        if (entry == null) {
            throw new NotFoundProblem("no experiment with key '" + experimentKey + "'");
        }
        if (entry.allocation() == null) {
            return new Assignment(experimentKey, unitId, false, null, Assignment.NOT_RUNNING, null);
        }
        return of(current, entry.allocation(), unitId, heldBy(current, entry.systemKey(), unitId));
    }

    /** The unit's variant in each running experiment of the system, by experiment key. */
    public List<Assignment> assignAll(String systemKey, String unitId) {
        AssignmentSnapshot current = snapshot;
        List<Allocation> running = current.runningBySystem().getOrDefault(systemKey, List.of());
        List<Assignment> answers = new ArrayList<>(running.size());
        // The holdout's hash once per call, not once per experiment.
        Holdout heldBy = heldBy(current, systemKey, unitId);
        for (Allocation allocation : running) {
            answers.add(of(current, allocation, unitId, heldBy));
        }
        return answers;
    }

    /**
     * The system's running holdout when it holds {@code unitId} out (of every change started since it began), else
     * null.
     */
    public Holdout holdoutOf(String systemKey, String unitId) {
        return heldBy(snapshot, systemKey, unitId);
    }

    private static Holdout heldBy(AssignmentSnapshot current, String systemKey, String unitId) {
        Holdout holdout = current.holdouts().get(systemKey);
        return holdout != null && holdout.holds(unitId) ? holdout : null;
    }

    /** {@code heldBy}: the system's holdout when it holds the unit (see {@link #holdoutOf}), else null. */
    private static Assignment of(AssignmentSnapshot current, Allocation allocation, String unitId, Holdout heldBy) {
        String key = allocation.experimentKey();
        AssignmentSnapshot.Entry entry = current.byKey().get(key);
        if (heldBy != null && heldBy.keepsOut(key, entry.startedAt())) {
            return new Assignment(key, unitId, false, null, Assignment.HOLDOUT, null);
        }
        String variant = allocation.assign(unitId);
        return variant == null
                ? new Assignment(key, unitId, false, null, Assignment.NOT_IN_TRAFFIC, entry.weightsVersion())
                : new Assignment(key, unitId, true, variant, null, entry.weightsVersion());
    }

    /** A bandit draws by its latest weights ({@code banditWeights}, by variant); others by the declared ones. */
    private Allocation allocation(String key, double traffic, String variantsJson, String banditWeights) {
        try {
            List<VariantSpec> variants = mapper.readValue(variantsJson, VARIANTS);
            Map<String, Double> weights = banditWeights == null ? Map.of() : mapper.readValue(banditWeights, WEIGHTS);
            return new Allocation(key, traffic, variants.stream().map(VariantSpec::key).toList(),
                    variants.stream().map(v -> weights.getOrDefault(v.key(), v.weight())).toList());
        } catch (Exception e) {
            throw new IllegalStateException("stored variants of experiment " + key + " are unreadable", e);
        }
    }
}
