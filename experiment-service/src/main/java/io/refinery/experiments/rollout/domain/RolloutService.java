package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.PilotOutcome;
import io.refinery.experiments.rollout.machine.ReadinessDimension;
import io.refinery.experiments.rollout.machine.ReadinessGate;
import io.refinery.experiments.rollout.machine.RolloutMachine;
import io.refinery.experiments.rollout.machine.RolloutPlan;
import io.refinery.experiments.rollout.machine.RolloutPosition;
import io.refinery.experiments.rollout.machine.RolloutState;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.refinery.platform.systems.KnownSystems;
import io.smallrye.mutiny.Uni;

/**
 * Rollouts: created behind the readiness gate and the pilot's decision, then moved phase by phase, each move asked of
 * oversight (ROLLOUT_PHASE) and applied when its decision arrives ({@link #decided}). Incidents pause running phases
 * ({@link #incident}). Every move is a step in the rollout's history and an event on refinery.experiments.lifecycle,
 * written with the state change (outbox).
 */
@ApplicationScoped
public class RolloutService {

    private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$");

    private final RolloutJson json;
    private final RolloutConfig config;
    private final RolloutReadiness readiness;
    private final RolloutGates gates;
    private final RolloutPilots pilots;
    private final KnownSystems systems;

    public RolloutService(RolloutJson json, RolloutConfig config, RolloutReadiness readiness, RolloutGates gates,
            RolloutPilots pilots, KnownSystems systems) {
        this.json = json;
        this.systems = systems;
        this.pilots = pilots;
        this.config = config;
        this.readiness = readiness;
        this.gates = gates;
    }

    @WithTransaction
    public Uni<Rollout> create(RolloutInput in, String actor) {
        List<FieldIssue> issues = new ArrayList<>();
        if (in.key() == null || !KEY.matcher(in.key()).matches()) {
            issues.add(new FieldIssue("key", "must be a lowercase slug: a-z, 0-9 and '-', 2 to 64 characters"));
        }
        if (in.variant() == null || in.variant().isBlank()) {
            issues.add(new FieldIssue("variant", "is required: the variant to roll out"));
        }
        RolloutPlan.issues(in.phases()).forEach(i -> issues.add(new FieldIssue(i.field(), i.message())));
        if (!issues.isEmpty()) {
            return Uni.createFrom().failure(new InvalidFieldsProblem(issues));
        }
        return Rollout.<Rollout> find("key", in.key()).firstResult()
                .invoke(existing -> {
                    if (existing != null) {
                        throw new ConflictProblem("key", "a rollout with key '" + in.key() + "' exists");
                    }
                })
                .flatMap(x -> systems.require(in.systemKey(), "systemKey"))
                .flatMap(system -> pilots.of(in).flatMap(pilot -> readiness.assess(system, pilot, in.variant(),
                        in.readiness()).flatMap(assessed -> start(in, pilot, assessed, actor))));
    }

    /** A BLOCKED rollout's readiness reassessed: scores given now replace earlier ones, measures are taken afresh. */
    @WithTransaction
    public Uni<Rollout> reassess(String key, Map<ReadinessDimension, DimensionAssessment> given, String actor) {
        return find(key).flatMap(r -> {
            if (r.state != RolloutState.BLOCKED) {
                throw new ConflictProblem("state", "only a BLOCKED rollout is reassessed; this one is " + r.state);
            }
            Map<ReadinessDimension, DimensionAssessment> merged = new EnumMap<>(ReadinessDimension.class);
            merged.putAll(json.readiness(r));
            merged.putAll(given);
            return systems.find(r.systemKey).flatMap(system -> pilots.of(r)
                    .flatMap(pilot -> readiness.assess(system, pilot, r.variant, merged).flatMap(assessed -> {
                        r.readiness = json.readiness(assessed);
                        List<ReadinessGate.Blocker> blockers = ReadinessGate.blockers(assessed, r.minimumScore,
                                config.requireConfirmation());
                        RolloutPosition next = RolloutMachine.reassessed(r.position(), blockers.isEmpty(),
                                shipped(pilot, r.variant));
                        return gates.move(r, next, "reassessed", actor, Map.of("blockers", blockers));
                    })));
        });
    }

    /** Asks for the next phase (its exit criteria met and its minimum duration over), or completes after the last. */
    @WithTransaction
    public Uni<Rollout> advance(String key, String actor) {
        return find(key).flatMap(r -> gates.advance(r, actor));
    }

    /** Applies oversight's decision on a rollout's pending request; false when no rollout waits for it. */
    public Uni<Boolean> decided(UUID requestId, boolean approved, String decidedBy, String rationale) {
        return Rollout.<Rollout> find("pendingRequestId", requestId).firstResult().flatMap(r -> r == null
                ? Uni.createFrom().item(false)
                : gates.decided(r, approved, decidedBy, rationale).replaceWith(true));
    }

    /** An incident for a system (a FIRING alert, a drift detection) pauses its serving phases and asks to resume. */
    public Uni<Integer> incident(String systemKey, String reason, String source) {
        return Rollout.<Rollout> list("systemKey = ?1 and state in ?2", systemKey,
                List.of(RolloutState.RUNNING, RolloutState.AWAITING_GATE)).flatMap(rollouts -> {
                    Uni<Integer> paused = Uni.createFrom().item(0);
                    for (Rollout r : rollouts) {
                        paused = paused.flatMap(n -> gates.pause(r, reason, source).map(did -> did ? n + 1 : n));
                    }
                    return paused;
                });
    }

    /**
     * The pilot's MODEL_ROLLOUT was rejected: its serving rollouts pause (resuming is asked of oversight, as after an
     * incident) and those that serve nobody yet are rolled back ({@link RolloutMachine#pilotRejected}). Inside the
     * caller's transaction.
     */
    public Uni<Integer> pilotRejected(Experiment pilot, String reason, String source) {
        return Rollout.<Rollout> list("experimentKey = ?1 and state in ?2", pilot.key,
                List.of(RolloutState.RUNNING, RolloutState.AWAITING_GATE, RolloutState.BLOCKED)).flatMap(list -> {
                    Uni<Integer> changed = Uni.createFrom().item(0);
                    for (Rollout r : list) {
                        changed = changed.flatMap(n -> gates.pilotRejected(r, reason, source).map(did -> did ? n + 1 : n));
                    }
                    return changed;
                });
    }

    /** A rollout with its history and its serving phase's exit criteria against the live metrics. */
    public record Details(Rollout rollout, List<RolloutStep> history, List<Map<String, Object>> exitStatus) {
    }

    @WithSession
    public Uni<Details> details(String key) {
        return find(key).flatMap(r -> RolloutStep.<RolloutStep> find("rolloutId = ?1 order by at, id", r.id).list()
                .flatMap(history -> (r.phase >= 0 ? gates.exitStatus(r, json.phases(r).get(r.phase))
                        : Uni.createFrom().item(List.<Map<String, Object>> of()))
                        .map(status -> new Details(r, history, status))));
    }

    @WithSession
    public Uni<Rollout> get(String key) {
        return find(key);
    }

    @WithSession
    public Uni<List<Rollout>> page(String systemKey, String afterKey, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (systemKey != null) {
            q.append(" and systemKey = :system");
            params.put("system", systemKey);
        }
        if (afterKey != null) {
            q.append(" and key > :after");
            params.put("after", afterKey);
        }
        return Rollout.<Rollout> find(q.toString(), io.quarkus.panache.common.Sort.by("key"), params).range(0, limit - 1)
                .list();
    }

    private Uni<Rollout> start(RolloutInput in, Experiment pilot, Map<ReadinessDimension, DimensionAssessment> assessed,
            String actor) {
        boolean shipped = shipped(pilot, in.variant());
        if (!shipped && (in.overrideReason() == null || in.overrideReason().isBlank())) {
            String why = PilotOutcome.whyNotShipped(outcome(pilot), in.variant());
            throw new UnprocessableProblem("overrideReason", why + ": give overrideReason to ask oversight for an override");
        }
        Instant now = Instant.now();
        Rollout r = new Rollout();
        r.id = UUID.randomUUID();
        r.key = in.key();
        r.systemKey = in.systemKey();
        r.experimentKey = in.experimentKey();
        r.variant = in.variant();
        r.phases = json.phases(in.phases());
        r.readiness = json.readiness(assessed);
        r.minimumScore = config.minimumScore();
        r.overrideReason = shipped ? null : in.overrideReason();
        r.state = RolloutState.BLOCKED;
        r.phase = -1;
        r.requestedPhase = -1;
        r.createdAt = now;
        r.createdBy = actor;
        r.updatedAt = now;
        r.updatedBy = actor;
        List<ReadinessGate.Blocker> blockers = ReadinessGate.blockers(assessed, r.minimumScore, config.requireConfirmation());
        RolloutPosition first = RolloutMachine.start(blockers.isEmpty(), shipped);
        return r.<Rollout> persist().flatMap(saved -> gates.move(saved, first, "created", actor,
                Map.of("blockers", blockers, "pilotDecision", pilot == null || pilot.decision == null ? "none" : pilot.decision)));
    }

    private static boolean shipped(Experiment pilot, String variant) {
        return PilotOutcome.shipped(outcome(pilot), variant);
    }

    private static PilotOutcome outcome(Experiment pilot) {
        return pilot == null ? null : new PilotOutcome(pilot.key, pilot.decision,
                RolloutDecisions.Outcome.REJECT.name().equals(pilot.rolloutDecision), pilot.rolloutDecidedBy);
    }

    public RolloutJson json() {
        return json;
    }

    private Uni<Rollout> find(String key) {
        return Rollout.<Rollout> find("key", key).firstResult().onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no rollout with key '" + key + "'"));
    }
}
