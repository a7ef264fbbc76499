package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.ReadinessDimension;
import io.refinery.experiments.rollout.machine.ReadinessPrefill;
import io.refinery.platform.systems.KnownSystem;
import io.refinery.platform.systems.KnownSystems;
import io.smallrye.mutiny.Uni;

/**
 * Pre-fills what can be measured of a readiness assessment ({@link ReadinessPrefill}): data infrastructure from the
 * system's signals, system dependencies from the registry, financial projections from the pilot's measured lift. The
 * people's scores are kept; the assessment shows both.
 */
@ApplicationScoped
public class RolloutReadiness {

    private final RolloutSignals signals;
    private final ObjectMapper mapper;

    private final KnownSystems systems;

    public RolloutReadiness(RolloutSignals signals, ObjectMapper mapper, KnownSystems systems) {
        this.signals = signals;
        this.systems = systems;
        this.mapper = mapper;
    }

    public Uni<Map<ReadinessDimension, DimensionAssessment>> assess(KnownSystem system, Experiment pilot,
            String variant, Map<ReadinessDimension, DimensionAssessment> given) {
        Uni<RolloutSignals.Health> health = signals.health(system.key(), Instant.now());
        Uni<List<KnownSystem>> team = systems.ofTeam(system.ownerTeam(), system.key());
        return Uni.combine().all().unis(health, team).asTuple().map(t -> {
            Map<ReadinessDimension, DimensionAssessment> out = new EnumMap<>(ReadinessDimension.class);
            for (ReadinessDimension d : ReadinessDimension.values()) {
                DimensionAssessment a = given == null ? null : given.get(d);
                out.put(d, a == null ? new DimensionAssessment(null, null, Map.of(), null, null) : a);
            }
            RolloutSignals.Health h = t.getItem1();
            measured(out, ReadinessDimension.DATA_INFRASTRUCTURE,
                    ReadinessPrefill.dataInfrastructure(h.metricsArriving(), h.drift30d(), h.firingAlerts().size()));
            List<String> highImpacts = new ArrayList<>();
            if ("HIGH".equals(system.brandImpact())) {
                highImpacts.add("brand");
            }
            if ("HIGH".equals(system.financialImpact())) {
                highImpacts.add("financial");
            }
            if ("HIGH".equals(system.customerImpact())) {
                highImpacts.add("customer");
            }
            measured(out, ReadinessDimension.SYSTEM_DEPENDENCIES, ReadinessPrefill.systemDependencies(
                    t.getItem2().stream().map(KnownSystem::key).sorted().toList(), highImpacts));
            double[] lift = pilotLift(pilot, variant);
            measured(out, ReadinessDimension.FINANCIAL_PROJECTIONS, lift == null ? null
                    : ReadinessPrefill.financialProjections(lift[0], Double.isNaN(lift[1]) ? null : lift[1]));
            return out;
        });
    }

    private static void measured(Map<ReadinessDimension, DimensionAssessment> out, ReadinessDimension d,
            ReadinessPrefill.Measured m) {
        if (m != null) {
            out.put(d, out.get(d).withMeasured(m.score(), m.evidence()));
        }
    }

    /** {relative lift, its interval's lower bound (NaN when unknown)} of the variant in the pilot's last results. */
    private double[] pilotLift(Experiment pilot, String variant) {
        if (pilot == null || pilot.lastEvaluation == null) {
            return null;
        }
        try {
            for (JsonNode c : mapper.readTree(pilot.lastEvaluation).path("primaryMetric").path("comparisons")) {
                if (variant.equals(c.path("variant").asText()) && c.path("relativeLift").isNumber()) {
                    JsonNode lower = c.path("confidenceInterval").path("lower");
                    return new double[] { c.path("relativeLift").asDouble(), lower.isNumber() ? lower.asDouble() : Double.NaN };
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}
