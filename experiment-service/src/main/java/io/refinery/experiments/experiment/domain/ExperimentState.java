package io.refinery.experiments.experiment.domain;

/**
 * DRAFT → RUNNING → STOPPED → CONCLUDED. Only a RUNNING experiment assigns units and takes exposures; outcomes
 * are still taken while STOPPED (late conversions); a CONCLUDED experiment carries its decision.
 */
public enum ExperimentState {
    DRAFT,
    RUNNING,
    STOPPED,
    CONCLUDED
}
