package io.refinery.metrics.drift.stats;

/**
 * A streaming detector over a prediction-error stream of one system: one value per outcome, in arrival order (a 0/1
 * error for classification, or an absolute error). A detector is a small mutable object, not thread-safe; its whole
 * state is the record {@link #state()} returns, and every implementation can be rebuilt from its parameters and such a
 * record, so a service can persist it between updates and restarts.
 *
 * <p>Only increases of the error are drift. After a detection the detector forgets the values from before the change
 * (each implementation says how), so that it judges the new concept on its own.
 *
 * @param <S> the state record
 */
public interface ConceptDriftDetector<S extends Record> {

    /** Takes the next value of the stream; true when it makes the detector conclude that the error rose. */
    boolean update(double value);

    /** The state after the values seen so far, enough to restore the detector. */
    S state();
}
