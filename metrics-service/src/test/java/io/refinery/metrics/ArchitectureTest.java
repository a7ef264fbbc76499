package io.refinery.metrics;

import java.util.List;

import io.refinery.testing.architecture.ServiceArchitectureTest;

/**
 * DESIGN.md §2 checked on this service's main classes: its top-level packages are features, layering inside them is
 * one-way, its pure packages use no framework and nothing else of the service, and no other service's code is used.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.refinery.metrics", List.of("alerting.evaluation", "drift.stats", "drift.remediation",
                "drift.sampling", "drift.evaluation"));
    }
}
