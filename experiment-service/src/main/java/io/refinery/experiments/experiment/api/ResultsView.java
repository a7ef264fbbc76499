package io.refinery.experiments.experiment.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.domain.Experiment;

@Schema(name = "Results", description = "Per variant units, mean and variance; lifts with intervals; p-values (raw and "
        + "adjusted) or chance to beat control and expected loss; SRM; guardrails; progress; the recommended decision")
public record ResultsView(String experimentKey, String systemKey, String state, Instant startedAt, Instant endsAt,
        Instant computedAt, @JsonUnwrapped ExperimentResults results) {

    public static ResultsView of(Experiment e, ExperimentResults results) {
        return new ResultsView(e.key, e.systemKey, e.state.name(), e.startedAt, e.endsAt, Instant.now(), results);
    }
}
