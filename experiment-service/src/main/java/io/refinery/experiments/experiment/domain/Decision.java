package io.refinery.experiments.experiment.domain;

import java.util.List;
import io.refinery.platform.problem.UnprocessableProblem;

/**
 * A conclusion: {@code SHIP:<variant>}, {@code KEEP_CONTROL} or {@code INCONCLUSIVE}; a holdout's only conclusion is
 * {@code RELEASE} (its units get every change from then on).
 */
public record Decision(Kind kind, String variant) {

    public enum Kind { SHIP, KEEP_CONTROL, INCONCLUSIVE, RELEASE }

    public static final Decision KEEP_CONTROL = new Decision(Kind.KEEP_CONTROL, null);
    public static final Decision INCONCLUSIVE = new Decision(Kind.INCONCLUSIVE, null);
    public static final Decision RELEASE = new Decision(Kind.RELEASE, null);

    public static Decision ship(String variant) {
        return new Decision(Kind.SHIP, variant);
    }

    /**
     * Parses a decision naming one of {@code treatments}; throws {@link UnprocessableProblem} on {@code field}
     * otherwise.
     */
    public static Decision parse(String text, List<String> treatments, String field) {
        String value = text == null ? "" : text.strip();
        if (value.equals("KEEP_CONTROL")) {
            return KEEP_CONTROL;
        }
        if (value.equals("INCONCLUSIVE")) {
            return INCONCLUSIVE;
        }
        if (value.equals("RELEASE")) {
            return RELEASE;
        }
        if (value.startsWith("SHIP:")) {
            String variant = value.substring(5);
            if (treatments.contains(variant)) {
                return ship(variant);
            }
            throw new UnprocessableProblem(field, "SHIP must name a treatment variant, one of " + treatments);
        }
        throw new UnprocessableProblem(field, "must be SHIP:<variant>, KEEP_CONTROL, INCONCLUSIVE or (a holdout) RELEASE");
    }

    public boolean ships() {
        return kind == Kind.SHIP;
    }

    @Override
    public String toString() {
        return kind == Kind.SHIP ? "SHIP:" + variant : kind.name();
    }
}
