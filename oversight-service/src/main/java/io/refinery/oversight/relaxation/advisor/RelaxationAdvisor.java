package io.refinery.oversight.relaxation.advisor;

import java.util.ArrayList;
import java.util.List;

/** Whether a track meets the {@link RelaxationBar}; the reasons say which conditions hold and which do not. */
public final class RelaxationAdvisor {

    /**
     * The verdict: {@code propose} with the shift to propose ({@code proposedShift}, one lower than {@code currentShift}),
     * the observed share of unmodified approvals and its Wilson lower bound (null without decisions).
     */
    public record Verdict(boolean propose, int currentShift, Integer proposedShift, Double unmodifiedRate, Double lowerBound,
            List<String> reasons) {

        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    private RelaxationAdvisor() {
    }

    public static Verdict evaluate(Track track, RelaxationBar bar, int currentShift) {
        List<String> unmet = new ArrayList<>();
        List<String> met = new ArrayList<>();
        long n = track.decisions();
        Double rate = track.unmodifiedRate();
        Double lower = n == 0 ? null : WilsonScore.lower(track.approvedUnmodified(), n, bar.z());
        (n >= bar.minDecisions() ? met : unmet).add(n + " decisions (bar: " + bar.minDecisions() + ")");
        if (rate == null) {
            unmet.add("no human decision yet");
        } else {
            (rate >= bar.minUnmodifiedRate() ? met : unmet).add(percent(rate) + " approved unmodified (bar: "
                    + percent(bar.minUnmodifiedRate()) + ")");
            (lower >= bar.minLowerBound() ? met : unmet).add("Wilson lower bound " + round(lower) + " (bar: "
                    + round(bar.minLowerBound()) + ")");
        }
        (track.incidents() == 0 ? met : unmet).add(track.incidents() == 0 ? "no incident in the window"
                : track.incidents() + " incident(s) in the window");
        Integer proposed = TierShift.relaxed(currentShift, bar.maxRelaxedTiers());
        if (proposed == null) {
            unmet.add("already relaxed by " + (-currentShift) + " tier(s), the most allowed (" + bar.maxRelaxedTiers() + ")");
        }
        boolean propose = unmet.isEmpty();
        List<String> reasons = new ArrayList<>();
        if (!unmet.isEmpty()) {
            reasons.add("not yet: " + String.join("; ", unmet));
        }
        if (!met.isEmpty()) {
            reasons.add("met: " + String.join("; ", met));
        }
        return new Verdict(propose, currentShift, propose ? proposed : null, rate, lower, reasons);
    }

    private static String percent(double share) {
        return round(share * 100) + " %";
    }

    private static String round(double v) {
        return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
