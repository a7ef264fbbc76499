package io.refinery.metrics;

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

    private static final String ROOT = "io.refinery.metrics";
    private static final String RULES = ROOT + ".rules";
    private static final String DRIFT_STATS = ROOT + ".drift.stats";
    private static final String DRIFT_REMEDIATION = ROOT + ".drift.remediation";
    private static final String DRIFT_SAMPLING = ROOT + ".drift.sampling";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(ROOT);
    }

    @Test
    void pureCodeUsesNoFramework() {
        PureCodeRules.noFrameworkDependencies(RULES, DRIFT_STATS, DRIFT_REMEDIATION, DRIFT_SAMPLING).check(mainClasses);
    }

    @Test
    void pureCodeUsesNothingElseOfTheService() {
        PureCodeRules.noDependencyOnRestOfService(ROOT, RULES, DRIFT_STATS, DRIFT_REMEDIATION, DRIFT_SAMPLING)
                .check(mainClasses);
    }

    @Test
    void noOtherServiceIsUsed() {
        PureCodeRules.noDependencyOnOtherServices(ROOT).check(mainClasses);
    }
}
