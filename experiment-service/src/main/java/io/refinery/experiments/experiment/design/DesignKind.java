package io.refinery.experiments.experiment.design;

/**
 * What an experiment's analysis is for: a test of treatments against control, an A/A test (identical variants on
 * purpose: a difference found is a failure, and it never ships) or a holdout (control = the units kept out of every
 * change of the system; the one treatment = everyone else; what it measures is the cumulative impact of what shipped,
 * and it is released, never shipped).
 */
public enum DesignKind { TREATMENT_TEST, AA_TEST, HOLDOUT }
