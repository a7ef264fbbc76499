package io.refinery.experiments.rollout.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.ExitCriterion;
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.PhaseScope;
import io.refinery.experiments.rollout.machine.ReadinessDimension;

/** Reads and writes a rollout's JSON columns (phases, readiness); durations are kept as ISO-8601 text. */
@ApplicationScoped
public class RolloutJson {

    /** A phase as stored. */
    @RegisterForReflection
    public record PhaseDoc(String name, PhaseScope scope, double trafficPercent, String minDuration,
            List<ExitCriterion> exitCriteria) {

        static PhaseDoc of(Phase p) {
            return new PhaseDoc(p.name(), p.scope(), p.trafficPercent(), p.minDuration().toString(), p.exitCriteria());
        }

        Phase phase() {
            return new Phase(name, scope, trafficPercent, Duration.parse(minDuration), exitCriteria);
        }
    }

    private static final TypeReference<List<PhaseDoc>> PHASES = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, DimensionAssessment>> READINESS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public RolloutJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<Phase> phases(Rollout r) {
        return read(r.phases, PHASES).stream().map(PhaseDoc::phase).toList();
    }

    public String phases(List<Phase> phases) {
        return write(phases.stream().map(PhaseDoc::of).toList());
    }

    public Map<ReadinessDimension, DimensionAssessment> readiness(Rollout r) {
        Map<ReadinessDimension, DimensionAssessment> out = new EnumMap<>(ReadinessDimension.class);
        Map<String, DimensionAssessment> stored = read(r.readiness, READINESS);
        for (ReadinessDimension d : ReadinessDimension.values()) {
            if (stored.containsKey(d.field())) {
                out.put(d, stored.get(d.field()));
            }
        }
        return out;
    }

    public String readiness(Map<ReadinessDimension, DimensionAssessment> readiness) {
        Map<String, DimensionAssessment> out = new LinkedHashMap<>();
        readiness.forEach((d, a) -> out.put(d.field(), a));
        return write(out);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rollout is unreadable", e);
        }
    }
}
