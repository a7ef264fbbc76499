package io.refinery.experiments.experiment.domain;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.experiment.design.VariantSpec;

/** Reads and writes the JSON columns of {@link Experiment}. */
@ApplicationScoped
public class ExperimentJson {

    private static final TypeReference<List<VariantSpec>> VARIANTS = new TypeReference<>() {
    };
    private static final TypeReference<List<GuardrailSpec>> GUARDRAILS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, SequentialLook>> LOOKS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public ExperimentJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<VariantSpec> variants(Experiment e) {
        return readVariants(e.variants);
    }

    /** The variants of a stored {@code variants} column. */
    public List<VariantSpec> readVariants(String column) {
        return read(column, VARIANTS);
    }

    /** What the last interaction check flagged; empty before it or when nothing interacts. */
    public List<ExperimentInteractions.Flag> flags(Experiment e) {
        return e.interactionFlags == null ? List.of() : read(e.interactionFlags, new TypeReference<List<ExperimentInteractions.Flag>>() {
        });
    }

    /** A bandit's settings, or null for fixed weights. */
    public BanditSpec bandit(Experiment e) {
        return e.bandit == null ? null : read(e.bandit, new TypeReference<BanditSpec>() {
        });
    }

    public MetricSpec primaryMetric(Experiment e) {
        return read(e.primaryMetric, new TypeReference<MetricSpec>() {
        });
    }

    public List<GuardrailSpec> guardrails(Experiment e) {
        return read(e.guardrails, GUARDRAILS);
    }

    public List<String> warnings(Experiment e) {
        return read(e.warnings, STRINGS);
    }

    public Map<String, SequentialLook> sequentialState(Experiment e) {
        return e.sequentialState == null ? Map.of() : read(e.sequentialState, LOOKS);
    }

    public ExperimentDesign design(Experiment e) {
        return new ExperimentDesign(variants(e), primaryMetric(e), guardrails(e), e.alpha, e.analysis, e.correction,
                e.requiredUnitsPerVariant, e.power, e.kind.designKind());
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored experiment JSON is unreadable", e);
        }
    }
}
