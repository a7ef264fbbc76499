package io.refinery.experiments.rollout.domain;

import java.util.List;
import java.util.Map;

import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.ReadinessDimension;

/** A rollout as asked for, already shaped (the API checks the JSON and names the fields). */
public record RolloutInput(String key, String systemKey, String experimentKey, String variant, String overrideReason,
        List<Phase> phases, Map<ReadinessDimension, DimensionAssessment> readiness) {
}
