package io.refinery.metrics.performance.domain;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The knobs of performance estimation, {@code refinery.performance.*}. */
@ConfigMapping(prefix = "refinery.performance")
public interface PerformanceConfig {

    /** How often each estimator looks for days whose predictions or labels changed. */
    @WithDefault("60s")
    Duration estimationInterval();

    /**
     * How far back a run looks for changed days (late labels arrive within it); older days keep their last estimate.
     * Days never estimated are estimated whatever their age, back to the reference's start.
     */
    @WithDefault("P35D")
    Duration recheck();

    /**
     * How often a run looks back over the whole {@link #recheck()} window; the runs in between look at today and
     * yesterday only. The look-back counts each day's predictions (about 0.6 s per million on this machine), so at a
     * million predictions a day a 35-day look-back every minute would cost a third of a core.
     */
    @WithDefault("PT1H")
    Duration recheckInterval();

    /** Labelled predictions the reference period needs before an estimator can be fitted on it. */
    @WithDefault("200")
    int minReferenceLabelled();
}
