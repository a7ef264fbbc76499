package io.refinery.feedback;

import java.util.List;

import io.refinery.testing.architecture.ServiceArchitectureTest;

/**
 * DESIGN.md §2 checked on this service's main classes: the features (intake, insight, contradiction, survey) are
 * layered one way, and the pure packages (text, stats, the submission rules, the contradiction rules, the survey
 * form) use no framework and nothing else of the service.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.refinery.feedback", List.of("text", "stats", "intake.submission", "contradiction.rules", "survey.form"));
    }
}
