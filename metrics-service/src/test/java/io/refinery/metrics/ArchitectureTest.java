package io.refinery.metrics;

import java.util.List;

import io.refinery.testing.architecture.ServiceArchitectureTest;

/**
 * DESIGN.md §2 checked on this service's main classes: its top-level packages are features, layering inside them is
 * one-way, its pure packages use no framework and nothing else of the service, no other service's code is used, and
 * JDBC stays in the three packages that need it.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.refinery.metrics", List.of("alerting.evaluation", "drift.stats", "drift.remediation",
                "drift.sampling", "drift.evaluation", "performance.estimation"));
    }

    /**
     * Binary COPY of observations (BENCHMARKS.md: the ingestion paths run at the COPY limit) and the drift module, whose
     * samples arrive by the same COPY and whose evaluation reads them and runs its statistics on worker threads, in one
     * transaction with its runs, detections and outbox events; and performance estimation, which reads each day's scored
     * predictions from the same sample ledger (up to millions of rows a day) and estimates them on worker threads.
     */
    @Override
    protected List<String> jdbcPackages() {
        return List.of("observation.domain", "drift.domain", "performance.domain");
    }
}
