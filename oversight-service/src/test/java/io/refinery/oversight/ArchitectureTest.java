package io.refinery.oversight;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.refinery.testing.architecture.PureCodeRules;
import io.refinery.testing.architecture.ServiceArchitectureTest;

/**
 * DESIGN.md §2 checked on this service's main classes: top-level packages are features, layering is one-way, the pure
 * packages use no framework and nothing else of the service, and no class uses another service's code.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    private static final String TIMELINE = "timeline.summary";

    ArchitectureTest() {
        super("io.refinery.oversight", List.of("policy.tiers", "relaxation.advisor", "report.learnings", "evidence.links",
                "review.rules", "console.charts", "console.attention", TIMELINE));
    }

    /** Every pure package but the timeline's, whose one stated exception is checked below. */
    @Override
    protected List<String> frameworkFreePackages() {
        return List.of("policy.tiers", "relaxation.advisor", "report.learnings", "evidence.links", "review.rules",
                "console.charts", "console.attention");
    }

    /**
     * The timeline summarises CloudEvent data and audit details that reach it as the JSON tree the consumers and the
     * audit log already parsed. Jackson's tree type ({@code JsonNode}, in com.fasterxml.jackson.databind) is the one
     * framework class it uses: no ObjectMapper, no annotations, nothing else of Jackson or of another framework.
     */
    @Test
    void timelineUsesNoFrameworkButJacksonsTree() {
        PureCodeRules.noFrameworkDependenciesExcept("com.fasterxml.jackson.databind",
                "the timeline reads event data as an already-parsed JsonNode tree, a plain value here", qualified(TIMELINE))
                .check(mainClasses());
    }
}
