package io.refinery.metrics.drift.domain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.refinery.platform.jdbc.JdbcTransactions;

/**
 * Keeps drift storage bounded: deletes ledger rows of samples older than the sample retention (such samples are
 * refused at ingestion anyway, so idempotency holds) and feature days older than it, except days that the reference
 * window of an active monitor of that system still needs (a fixed reference, or a trailing one longer than the
 * retention). One replica at a time (transaction-scoped advisory lock).
 */
@ApplicationScoped
public class DriftRetention {

    private static final Logger LOG = Logger.getLogger(DriftRetention.class);
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext('metrics.drift-retention'))";
    private static final String SAMPLES = "delete from metrics.drift_samples where observed_at < ?";
    private static final String DAYS = """
            delete from metrics.drift_feature_days d
            where d.day < ?::date
              and not exists (select 1 from metrics.drift_monitors m
                              where m.deleted_at is null and m.system_key = d.system_key
                                and ((m.reference_from is not null
                                      and d.day >= (m.reference_from at time zone 'UTC')::date
                                      and d.day < (m.reference_to at time zone 'UTC')::date)
                                  or (m.reference_from is null
                                      and d.day >= ?::date - (m.current_days + m.reference_lag_days
                                                              + m.reference_trailing_days))))
            """;

    private final DataSource dataSource;
    private final DriftConfig config;

    public DriftRetention(DataSource dataSource, DriftConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "${refinery.drift.retention-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("drift retention run failed, will retry: %s", e.toString());
        }
    }

    /** Deletes what is past the retention as of {@code now}; returns samples and days deleted (0, 0 when locked out). */
    public long[] purge(Instant now) {
        Instant cutoff = now.minus(config.sampleRetention());
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return JdbcTransactions.inTransaction(dataSource, "drift retention", c -> {
            try (PreparedStatement lock = c.prepareStatement(LOCK); ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new long[2];
                }
            }
            long[] deleted = new long[2];
            try (PreparedStatement samples = c.prepareStatement(SAMPLES)) {
                samples.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                deleted[0] = samples.executeUpdate();
            }
            try (PreparedStatement days = c.prepareStatement(DAYS)) {
                days.setString(1, LocalDate.ofInstant(cutoff, ZoneOffset.UTC).toString());
                days.setString(2, today.toString());
                deleted[1] = days.executeUpdate();
            }
            if (deleted[0] + deleted[1] > 0) {
                LOG.infof("drift retention: %d sample(s) and %d feature day(s) deleted", deleted[0], deleted[1]);
            }
            return deleted;
        });
    }
}
