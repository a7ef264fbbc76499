package io.refinery.experiments;

import java.util.List;

import io.refinery.testing.architecture.ServiceArchitectureTest;

/**
 * DESIGN.md §2 checked on this service's main classes: top-level packages are features, layering is one-way, the pure
 * packages (the statistics engine and the pure core of each feature) use no framework and nothing else of the
 * service, and no class uses another service's code.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.refinery.experiments", List.of("stats", "experiment.design", "analysis.results",
                "assignment.allocation", "rollout.machine"));
    }
}
