package io.refinery.metrics.drift.domain;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The knobs of drift detection, {@code refinery.drift.*}. */
@ConfigMapping(prefix = "refinery.drift")
public interface DriftConfig {

    /**
     * Numerical values kept per system, feature and UTC day (a uniform bottom-k sample). A KS distance on a
     * 10,000-value sample is within about 1.36 / sqrt(10,000) = 0.0136 of the full day's at 95 %.
     */
    @WithDefault("10000")
    int reservoirSize();

    /**
     * Numerical values kept per system, feature and UTC day in the row-aligned sample (the same samples for every
     * feature of a day), from which multivariate checks join rows. Smaller than the per-feature sample: the checks fit
     * a few parameters per feature, and a 2,000-row day over a 7-day reference gives 14,000 rows.
     */
    @WithDefault("2000")
    int rowSampleSize();

    /** Distinct labels counted exactly per system, feature and day; later new labels count under "(other)". */
    @WithDefault("1000")
    int maxCategories();

    /**
     * How old a sample may be: older ones are refused, and the ledger rows and feature days past it are deleted
     * (except days that a monitor's reference window still needs).
     */
    @WithDefault("P60D")
    Duration sampleRetention();

    /** Values a feature needs in each window to be compared; with fewer it is reported as insufficient data. */
    @WithDefault("30")
    int minSamples();

    /** How long after a window closes (UTC midnight) the scheduled evaluation waits for late samples. */
    @WithDefault("PT5M")
    Duration closeGrace();

    /**
     * Errors a system's concept-drift detector must take after a signal before another one is reported: detectors signal
     * several times while a change settles (ADWIN drops the old part of its window in steps). Every signal restarts it.
     */
    @WithDefault("500")
    int conceptCooldown();

    /** How often each replica looks for monitors due (the {@code @Scheduled} interval). */
    @WithDefault("60s")
    String evaluationInterval();

    /** The wait before a monitor whose evaluation failed is tried again; it doubles per consecutive failure. */
    @WithDefault("PT5M")
    Duration failureBackoff();

    /** The longest wait between retries of a failing monitor. */
    @WithDefault("PT6H")
    Duration failureBackoffMax();

    /** How often the retention job runs. */
    @WithDefault("1h")
    String retentionInterval();
}
