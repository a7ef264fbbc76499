package io.refinery.experiments.experiment.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.experiment.domain.ExperimentInteractions;
import io.refinery.experiments.experiment.domain.ExperimentJson;

@Schema(name = "Results", description = "Per variant units, mean and variance; lifts with intervals; p-values (raw and "
        + "adjusted) or chance to beat control and expected loss; SRM; guardrails; progress; the recommended decision")
public record ResultsView(String experimentKey, String systemKey, String state, Instant startedAt, Instant endsAt,
        Instant computedAt, @JsonUnwrapped ExperimentResults results,
        @Schema(description = "The last interaction check of the clocked checks (at most hourly while RUNNING; "
                + "GET /api/v1/experiments/{key}/interactions has the details); null before the first")
        Interactions interactions) {

    /**
     * @param checkedAt when the units were last tested against the other experiments of the system
     * @param flagged the experiments this one interacts with; empty when none
     */
    @Schema(name = "InteractionFlags")
    public record Interactions(Instant checkedAt, List<ExperimentInteractions.Flag> flagged) {
    }

    public static ResultsView of(Experiment e, ExperimentResults results, ExperimentJson json) {
        Interactions interactions = e.interactionsCheckedAt == null ? null
                : new Interactions(e.interactionsCheckedAt, json.flags(e));
        return new ResultsView(e.key, e.systemKey, e.state.name(), e.startedAt, e.endsAt, Instant.now(), results,
                interactions);
    }
}
