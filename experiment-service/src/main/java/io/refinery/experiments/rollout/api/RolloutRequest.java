package io.refinery.experiments.rollout.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.rollout.domain.RolloutInput;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.ExitCriterion;
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.PhaseScope;
import io.refinery.experiments.rollout.machine.ReadinessDimension;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;

@Schema(name = "RolloutRequest", description = "A phased rollout of a variant, with its readiness assessment")
public record RolloutRequest(
        @Schema(example = "short-copy-eu") String key,
        @Schema(example = "reco-engine") String systemKey,
        @Schema(description = "The pilot experiment (optional); without a SHIP of this variant an override is asked of oversight")
        String experimentKey,
        @Schema(example = "short") String variant,
        @Schema(description = "Required when the pilot did not conclude SHIP of this variant, or there is no pilot")
        String overrideReason,
        List<PhaseBody> phases,
        @Schema(description = "dataInfrastructure, technicalResources, changeManagement, systemDependencies, "
                + "financialProjections; each optional here (measured ones are pre-filled; all must pass the gate)")
        Map<String, DimensionBody> readiness) {

    @Schema(name = "RolloutPhase")
    public record PhaseBody(@Schema(example = "shoes only") String name, ScopeBody scope,
            @Schema(example = "10") Double trafficPercent, @Schema(example = "P7D") String minDuration,
            List<CriterionBody> exitCriteria) {
    }

    @Schema(name = "RolloutScope", description = "Empty or missing lists mean any")
    public record ScopeBody(List<String> categories, List<String> regions, List<String> segments, List<String> warehouses) {
    }

    @Schema(name = "RolloutExitCriterion")
    public record CriterionBody(@Schema(example = "conversion_rate") String metric, ExitCriterion.Comparison comparison,
            @Schema(example = "0.031") Double value) {
    }

    @Schema(name = "ReadinessDimension")
    public record DimensionBody(@Schema(description = "1 to 5") Integer score, String evidence,
            @Schema(description = "Answers to the dimension's questions, by question or topic") Map<String, String> questions,
            @Schema(description = "financialProjections only") Double expectedCost,
            @Schema(description = "financialProjections only") Double expectedReturn,
            @Schema(description = "financialProjections only, e.g. P12M") String horizon) {
    }

    public RolloutInput toInput() {
        List<FieldIssue> issues = new ArrayList<>();
        List<Phase> plan = new ArrayList<>();
        if (phases != null) {
            for (int i = 0; i < phases.size(); i++) {
                PhaseBody p = phases.get(i);
                if (p == null) {
                    issues.add(new FieldIssue("phases[" + i + "]", "must be an object"));
                    continue;
                }
                plan.add(phase(p, "phases[" + i + "]", issues));
            }
        }
        Map<ReadinessDimension, DimensionAssessment> assessed = readiness(readiness, issues);
        if (systemKey == null || systemKey.isBlank()) {
            issues.add(new FieldIssue("systemKey", "is required"));
        }
        if (!issues.isEmpty()) {
            throw new InvalidFieldsProblem(issues);
        }
        return new RolloutInput(key, systemKey, experimentKey, variant, overrideReason, plan, assessed);
    }

    static Map<ReadinessDimension, DimensionAssessment> readiness(Map<String, DimensionBody> body, List<FieldIssue> issues) {
        Map<ReadinessDimension, DimensionAssessment> out = new EnumMap<>(ReadinessDimension.class);
        if (body == null) {
            return out;
        }
        body.forEach((field, d) -> {
            ReadinessDimension dimension = null;
            for (ReadinessDimension candidate : ReadinessDimension.values()) {
                if (candidate.field().equals(field)) {
                    dimension = candidate;
                }
            }
            if (dimension == null) {
                issues.add(new FieldIssue("readiness." + field, "is not a readiness dimension (dataInfrastructure, "
                        + "technicalResources, changeManagement, systemDependencies, financialProjections)"));
                return;
            }
            if (d == null) {
                return;
            }
            if (d.score() != null && (d.score() < 1 || d.score() > 5)) {
                issues.add(new FieldIssue("readiness." + field + ".score", "must be from 1 to 5"));
            }
            Map<String, String> answers = new LinkedHashMap<>(d.questions() == null ? Map.of() : d.questions());
            if (d.expectedCost() != null) {
                answers.put("expectedCost", d.expectedCost().toString());
            }
            if (d.expectedReturn() != null) {
                answers.put("expectedReturn", d.expectedReturn().toString());
            }
            if (d.horizon() != null) {
                answers.put("horizon", d.horizon());
            }
            out.put(dimension, new DimensionAssessment(d.score(), d.evidence(), answers, null, null));
        });
        return out;
    }

    private static Phase phase(PhaseBody p, String at, List<FieldIssue> issues) {
        Duration minDuration = Duration.ZERO;
        if (p.minDuration() != null) {
            try {
                minDuration = Duration.parse(p.minDuration());
            } catch (DateTimeParseException e) {
                issues.add(new FieldIssue(at + ".minDuration", "must be an ISO-8601 duration such as P7D"));
            }
        }
        if (p.trafficPercent() == null) {
            issues.add(new FieldIssue(at + ".trafficPercent", "is required"));
        }
        ScopeBody s = p.scope();
        PhaseScope scope = s == null ? PhaseScope.EVERYWHERE
                : new PhaseScope(s.categories(), s.regions(), s.segments(), s.warehouses());
        List<ExitCriterion> criteria = new ArrayList<>();
        if (p.exitCriteria() != null) {
            for (int c = 0; c < p.exitCriteria().size(); c++) {
                CriterionBody b = p.exitCriteria().get(c);
                if (b == null || b.value() == null) {
                    issues.add(new FieldIssue(at + ".exitCriteria[" + c + "].value", "is required"));
                    continue;
                }
                criteria.add(new ExitCriterion(b.metric(), b.comparison(), b.value()));
            }
        }
        return new Phase(p.name(), scope, p.trafficPercent() == null ? 0 : p.trafficPercent(), minDuration, criteria);
    }
}
