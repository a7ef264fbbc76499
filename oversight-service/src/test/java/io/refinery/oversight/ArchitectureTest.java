package io.refinery.oversight;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.refinery.testing.architecture.PureCodeRules;

/**
 * DESIGN.md §2 checked on this service's main classes: its pure packages use no framework and nothing else of the
 * service, and no class uses another service's code.
 */
class ArchitectureTest {

    private static final String ROOT = "io.refinery.oversight";
    private static final String POLICY = ROOT + ".policy";
    private static final String REPORT = ROOT + ".report";
    private static final String RELAXATION = ROOT + ".relaxation";
    private static final String EVIDENCE = ROOT + ".evidence";
    private static final String TIMELINE = ROOT + ".timeline";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(ROOT);
    }

    @Test
    void pureCodeUsesNoFramework() {
        PureCodeRules.noFrameworkDependencies(POLICY, REPORT, RELAXATION, EVIDENCE).check(mainClasses);
    }

    /**
     * The timeline summarises CloudEvent data and audit details that reach it as the JSON tree the consumers and the
     * audit log already parsed. Jackson's tree type ({@code JsonNode}, in com.fasterxml.jackson.databind) is the one
     * framework class it uses: no ObjectMapper, no annotations, nothing else of Jackson or of another framework.
     */
    @Test
    void timelineUsesNoFrameworkButJacksonsTree() {
        PureCodeRules.noFrameworkDependenciesExcept("com.fasterxml.jackson.databind",
                "the timeline reads event data as an already-parsed JsonNode tree, a plain value here", TIMELINE)
                .check(mainClasses);
    }

    @Test
    void pureCodeUsesNothingElseOfTheService() {
        PureCodeRules.noDependencyOnRestOfService(ROOT, POLICY, REPORT, RELAXATION, EVIDENCE, TIMELINE)
                .check(mainClasses);
    }

    @Test
    void noOtherServiceIsUsed() {
        PureCodeRules.noDependencyOnOtherServices(ROOT).check(mainClasses);
    }
}
