package io.refinery.metrics.alerting.evaluation;

import java.time.Instant;

/**
 * One closed UTC period (an hour or a day) of one metric of one system: where it starts, its rolled-up value and how
 * many samples went into it. The value may be NaN or infinite; {@link RuleEvaluator} then does not judge the period.
 *
 * @param start the start of the period; not null
 * @param value the rolled-up value
 * @param samples the number of samples rolled up; at least 0
 */
public record PeriodValue(Instant start, double value, long samples) {

    public PeriodValue {
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, was " + samples);
        }
    }
}
