package io.refinery.experiments.experiment.domain;

import java.time.Duration;

import io.refinery.experiments.ingestion.domain.LedgerRetention;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** This service's own knobs, {@code refinery.experiments.*}. */
@ConfigMapping(prefix = "refinery.experiments")
public interface ExperimentConfig {

    /** How often each replica re-reads the experiments for the in-memory assignment snapshot. */
    @WithDefault("2s")
    String snapshotRefresh();

    /** How often each replica looks for RUNNING and STOPPED experiments whose next check is due. */
    @WithDefault("30s")
    String checkInterval();

    /** The time between two checks of one experiment (results, max duration, sample, boundary, overdue). */
    @WithDefault("PT1M")
    Duration recheck();

    /** How long a STOPPED experiment may wait for its conclusion before an overdue event is sent. */
    @WithDefault("P3D")
    Duration concludeGrace();

    /** How often the coverage job opens and closes coverage gaps. */
    @WithDefault("30s")
    String coverageInterval();

    /** How often the Prometheus gauges are re-read from the database. */
    @WithDefault("30s")
    String gaugesInterval();

    /**
     * How long exposure and outcome ids are kept in the idempotency ledgers after the last experiment they could
     * count for concluded (see {@link LedgerRetention}); at least the topics' retention.
     */
    @WithDefault("P7D")
    Duration ledgerGrace();

    /**
     * The time between two interaction checks of one running experiment (a scan of its units, see
     * {@link ExperimentInteractions}); the results show the last one.
     */
    @WithDefault("PT1H")
    Duration interactionCheck();

    /** How often each replica looks for bandits due for new weights (each bandit has its own updateEvery). */
    @WithDefault("10s")
    String banditCheck();

    /** How often each replica purges the idempotency ledgers. */
    @WithDefault("1h")
    String ledgerPurgeInterval();
}
