package io.refinery.experiments.experiment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.experiment.domain.ExperimentChecks;
import io.refinery.experiments.experiment.domain.ExperimentJson;

@Schema(name = "Evaluation", description = "What a check did (NONE, STOPPED, CONCLUDED, OVERDUE), the experiment after it, "
        + "and the results it was based on")
public record EvaluationView(String action, ExperimentView experiment, ResultsView results) {

    public static EvaluationView of(ExperimentChecks.Outcome o, ExperimentJson json) {
        return new EvaluationView(o.action().name(), ExperimentView.of(o.experiment(), json),
                ResultsView.of(o.experiment(), o.results(), json));
    }
}
