package io.refinery.feedback;

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

    private static final String ROOT = "io.refinery.feedback";
    private static final String TEXT = ROOT + ".text";
    private static final String STATS = ROOT + ".stats";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(ROOT);
    }

    @Test
    void pureCodeUsesNoFramework() {
        PureCodeRules.noFrameworkDependencies(TEXT, STATS).check(mainClasses);
    }

    @Test
    void pureCodeUsesNothingElseOfTheService() {
        PureCodeRules.noDependencyOnRestOfService(ROOT, TEXT, STATS).check(mainClasses);
    }

    @Test
    void noOtherServiceIsUsed() {
        PureCodeRules.noDependencyOnOtherServices(ROOT).check(mainClasses);
    }
}
