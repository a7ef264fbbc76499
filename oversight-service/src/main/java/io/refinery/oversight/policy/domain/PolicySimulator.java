package io.refinery.oversight.policy.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.policy.tiers.Policy;
import io.refinery.oversight.policy.tiers.Resolution;
import io.refinery.oversight.policy.tiers.RiskSignal;
import io.refinery.oversight.policy.tiers.Subject;
import io.refinery.oversight.policy.tiers.TierResolver;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.system.domain.AiSystemRepository;
import io.smallrye.mutiny.Uni;

/** Shows which tier past or hypothetical requests would get under a draft (or the current) policy. Writes nothing. */
@ApplicationScoped
public class PolicySimulator {

    /** One simulated request: {@code label} is the review id for past requests, else {@code requests[i]}. */
    public record Outcome(String label, Subject subject, Resolution resolution, String recordedTier) {
    }

    public record Result(String systemKey, String policy, List<Outcome> outcomes) {
    }

    private final AiSystemRepository systems;
    private final PolicyService policies;

    public PolicySimulator(AiSystemRepository systems, PolicyService policies) {
        this.systems = systems;
        this.policies = policies;
    }

    /**
     * {@code draft} null means the current policy (or none); a draft without tier shifts ({@code draftShiftsGiven}
     * false) keeps the current ones, as a PUT would; {@code past} is how many recent reviews to replay.
     */
    @WithSession
    public Uni<Result> simulate(String systemKey, PolicyDocument draft, boolean draftShiftsGiven, List<Subject> hypothetical,
            int past) {
        if (draft != null) {
            draft.toPolicy();
        }
        return systems.findByKey(systemKey).flatMap(system -> policies.latestOrNull(systemKey).flatMap(current -> {
            Policy draftPolicy = draft == null ? null
                    : policies.merge(draft, draftShiftsGiven, current == null ? null : current.document(), "draft").toPolicy();
            Policy policy = draftPolicy != null ? draftPolicy : current == null ? Policy.none() : current.policy();
            String label = draftPolicy != null ? "draft" : current == null ? "none" : "v" + current.row().version;
            RiskSignal risk = RiskSignals.of(system);
            Uni<List<Review>> recent = past <= 0 ? Uni.createFrom().item(List.of())
                    : Review.<Review> find("systemKey", Sort.descending("createdAt"), systemKey).range(0, past - 1).list();
            return recent.map(reviews -> {
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < hypothetical.size(); i++) {
                    Subject s = hypothetical.get(i);
                    outcomes.add(new Outcome("requests[" + i + "]", s, TierResolver.resolve(policy, risk, s), null));
                }
                for (Review r : reviews) {
                    Subject s = new Subject(r.actionType, r.magnitude, r.amount, r.confidence, r.category);
                    outcomes.add(new Outcome(r.id.toString(), s, TierResolver.resolve(policy, risk, s), r.tier.name()));
                }
                return new Result(systemKey, label, outcomes);
            });
        }));
    }
}
