package io.refinery.metrics.alerting.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Judges a chronological list of closed periods against a {@link RuleSpec}. Pure: the result depends only on the
 * arguments.
 *
 * <p>Semantics, period by period in order:
 *
 * <ol>
 *   <li>A period with {@code samples < minSamplesPerPeriod}, or whose value is NaN or infinite, gets
 *       {@link Verdict#INSUFFICIENT_SAMPLES}. It neither counts toward the streak nor resets it, and it is never
 *       part of a trailing baseline.</li>
 *   <li>Any other period is compared with {@code threshold}: BELOW breaches when {@code value < baseline -
 *       allowance}, ABOVE when {@code value > baseline + allowance}. A value equal to the threshold is
 *       {@link Verdict#WITHIN}. A BREACH extends the streak (or opens one); a WITHIN period closes it (streak 0).</li>
 *   <li>Trailing baselines never include the periods under test. While a streak is open, the baseline for each of
 *       its periods, and for the period evaluated next while it is still open (the one that may close it), comes
 *       from the {@code periods} sufficient-sample periods immediately before the first period of the streak, so a
 *       long streak cannot drag its own baseline along. With no open streak, it comes from the {@code periods}
 *       sufficient-sample periods immediately before the period being evaluated. If fewer than {@code periods}
 *       exist, the ones that exist are used; if there are none, the verdict is {@link Verdict#NO_BASELINE}, which
 *       like INSUFFICIENT_SAMPLES neither counts nor resets. A NO_BASELINE period is still a sufficient-sample
 *       period and so can be part of later baselines. A fixed baseline always exists.</li>
 *   <li>{@code consecutiveBreaches} is the number of BREACH verdicts in the streak open at the end of the list;
 *       INSUFFICIENT_SAMPLES and NO_BASELINE periods inside it are skipped, not counted. {@code breachingStreak} is
 *       those BREACH verdicts in order.</li>
 *   <li>The state is FIRING when {@code consecutiveBreaches >= consecutivePeriods}, PENDING when it is between 1
 *       and {@code consecutivePeriods - 1}, OK when it is 0 (see {@link RuleState#of}).</li>
 * </ol>
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /**
     * Evaluates {@code periods}, the closed periods of one metric of one system in chronological order.
     *
     * @throws IllegalArgumentException if an argument is null or the starts are not strictly increasing
     */
    public static Evaluation evaluate(RuleSpec spec, List<PeriodValue> periods) {
        if (spec == null || periods == null) {
            throw new IllegalArgumentException("spec and periods must not be null");
        }
        requireStrictlyIncreasing(periods);

        List<Double> sufficientValues = new ArrayList<>(); // values of the sufficient-sample periods so far, in order
        List<PeriodVerdict> verdicts = new ArrayList<>(periods.size());
        List<PeriodVerdict> streak = new ArrayList<>(); // the BREACH verdicts of the open streak; empty when none
        int valuesBeforeStreak = 0; // how many sufficient-sample periods precede the open streak's first period

        for (PeriodValue period : periods) {
            if (period.samples() < spec.minSamplesPerPeriod() || !Double.isFinite(period.value())) {
                verdicts.add(verdict(period, null, null, Verdict.INSUFFICIENT_SAMPLES));
                continue;
            }
            int windowEnd = streak.isEmpty() ? sufficientValues.size() : valuesBeforeStreak;
            OptionalDouble baseline = spec.baseline().from(sufficientValues.subList(0, windowEnd));
            PeriodVerdict verdict = judge(spec, period, baseline);
            if (verdict.verdict() == Verdict.BREACH) {
                if (streak.isEmpty()) {
                    valuesBeforeStreak = sufficientValues.size();
                }
                streak.add(verdict);
            } else if (verdict.verdict() == Verdict.WITHIN) {
                streak.clear();
            }
            verdicts.add(verdict);
            sufficientValues.add(period.value());
        }
        return new Evaluation(verdicts, streak.size(), RuleState.of(streak.size(), spec.consecutivePeriods()), streak);
    }

    private static PeriodVerdict judge(RuleSpec spec, PeriodValue period, OptionalDouble baseline) {
        if (baseline.isEmpty()) {
            return verdict(period, null, null, Verdict.NO_BASELINE);
        }
        double base = baseline.getAsDouble();
        double threshold = spec.comparison().threshold(base, spec.tolerance().allowance(base));
        Verdict verdict = spec.comparison().breaches(period.value(), threshold) ? Verdict.BREACH : Verdict.WITHIN;
        return verdict(period, base, threshold, verdict);
    }

    private static PeriodVerdict verdict(PeriodValue period, Double baseline, Double threshold, Verdict verdict) {
        return new PeriodVerdict(period.start(), period.value(), period.samples(), baseline, threshold, verdict);
    }

    private static void requireStrictlyIncreasing(List<PeriodValue> periods) {
        for (int i = 1; i < periods.size(); i++) {
            if (!periods.get(i).start().isAfter(periods.get(i - 1).start())) {
                throw new IllegalArgumentException("periods must be in strictly increasing order of start, but "
                        + periods.get(i).start() + " (index " + i + ") follows " + periods.get(i - 1).start());
            }
        }
    }
}
