package io.refinery.experiments.experiment.domain;

/** Why an experiment was stopped or concluded. */
public enum Trigger {
    /** A person asked for it. */
    MANUAL,
    /** Its maximum duration was reached: evaluated, stopped and concluded automatically. */
    MAX_DURATION,
    /** Fixed horizon: every variant reached the required sample; evaluated and stopped, awaiting a conclusion. */
    SAMPLE_REACHED,
    /** Sequential: the always-valid boundary was crossed; evaluated and stopped, awaiting a conclusion. */
    SEQUENTIAL_BOUNDARY
}
