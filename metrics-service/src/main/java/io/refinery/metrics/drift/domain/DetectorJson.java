package io.refinery.metrics.drift.domain;

import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.refinery.metrics.drift.stats.Adwin;
import io.refinery.metrics.drift.stats.AdwinState;
import io.refinery.metrics.drift.stats.AdwinParameters;
import io.refinery.metrics.drift.stats.PageHinkley;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * A concept-drift detector's parameters and state as JSON: a fresh detector from the given parameters over the kind's
 * defaults (unknown or out-of-range ones refused as invalid fields), and a detector restored from its stored row.
 */
final class DetectorJson {

    private final ObjectMapper mapper;

    DetectorJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    RunningDetector fresh(ConceptDetectors.Kind kind, JsonNode given) {
        try {
            if (kind == ConceptDetectors.Kind.ADWIN) {
                AdwinParameters p = mapper.treeToValue(overlay(AdwinParameters.DEFAULTS, given), AdwinParameters.class);
                return new RunningDetector(kind, new Adwin(p));
            }
            PageHinkley.Parameters p = mapper.treeToValue(overlay(PageHinkley.Parameters.DEFAULTS, given),
                    PageHinkley.Parameters.class);
            return new RunningDetector(kind, new PageHinkley(p));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new InvalidFieldsProblem(List.of(new FieldIssue("parameters",
                    cause != null ? cause.getMessage() : message)));
        }
    }

    RunningDetector restore(ConceptDetectors.Kind kind, String parameters, String state) {
        try {
            if (kind == ConceptDetectors.Kind.ADWIN) {
                return new RunningDetector(kind, new Adwin(mapper.readValue(parameters, AdwinParameters.class),
                        mapper.readValue(state, AdwinState.class)));
            }
            return new RunningDetector(kind, new PageHinkley(mapper.readValue(parameters, PageHinkley.Parameters.class),
                    mapper.readValue(state, PageHinkley.State.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored concept detector is unreadable", e);
        }
    }

    /** {@code value} (parameters or state) as stored. */
    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode overlay(Record defaults, JsonNode given) {
        ObjectNode node = mapper.valueToTree(defaults);
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("parameters must be an object");
            }
            given.fields().forEachRemaining(e -> {
                if (!node.has(e.getKey())) {
                    throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "'; known: "
                            + iterable(node.fieldNames()));
                }
                node.set(e.getKey(), e.getValue());
            });
        }
        return node;
    }

    private static String iterable(Iterator<String> names) {
        StringBuilder joined = new StringBuilder();
        names.forEachRemaining(n -> joined.append(joined.isEmpty() ? "" : ", ").append(n));
        return joined.toString();
    }
}
