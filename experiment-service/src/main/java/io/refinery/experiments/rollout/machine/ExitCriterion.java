package io.refinery.experiments.rollout.machine;

/** A condition a phase's live metric must meet before the next phase may be asked for. */
public record ExitCriterion(String metric, Comparison comparison, double value) {

    public enum Comparison { AT_LEAST, AT_MOST, ABOVE, BELOW }

    /** Met when the observed value satisfies the comparison; an unknown value is not met. */
    public boolean met(Double observed) {
        if (observed == null || observed.isNaN()) {
            return false;
        }
        return switch (comparison) {
            case AT_LEAST -> observed >= value;
            case AT_MOST -> observed <= value;
            case ABOVE -> observed > value;
            case BELOW -> observed < value;
        };
    }
}
