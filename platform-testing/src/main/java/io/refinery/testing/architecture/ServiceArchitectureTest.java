package io.refinery.testing.architecture;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * DESIGN.md §2 checked on one service's main classes at build time. A service's {@code ArchitectureTest} extends
 * this class and names its root package and its pure packages; the rules themselves live in {@link PureCodeRules}.
 */
public abstract class ServiceArchitectureTest {

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private final String root;
    private final List<String> purePackages;

    /**
     * @param root         the service's root package, e.g. {@code io.refinery.metrics}
     * @param purePackages its pure packages relative to the root, e.g. {@code drift.stats}
     */
    protected ServiceArchitectureTest(String root, List<String> purePackages) {
        this.root = root;
        this.purePackages = purePackages;
    }

    /** The service's main classes (tests excluded), imported once per root. */
    protected final JavaClasses mainClasses() {
        return IMPORTED.computeIfAbsent(root, name -> new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests()).importPackages(name));
    }

    /** The pure packages that use no framework at all; a service with a stated exception narrows this list. */
    protected List<String> frameworkFreePackages() {
        return purePackages;
    }

    /**
     * The packages, relative to the root, that may use JDBC (README, "Database access": binary COPY where the benchmark
     * proves it, and blocking work on worker threads); none unless a service names them.
     */
    protected List<String> jdbcPackages() {
        return List.of();
    }

    @Test
    void jdbcOnlyWhereDocumented() {
        PureCodeRules.jdbcOnlyIn(root, qualified(jdbcPackages())).check(mainClasses());
    }

    @Test
    void pureCodeUsesNoFramework() {
        PureCodeRules.noFrameworkDependencies(qualified(frameworkFreePackages())).check(mainClasses());
    }

    @Test
    void pureCodeUsesNothingElseOfTheService() {
        PureCodeRules.noDependencyOnRestOfService(root, qualified(purePackages)).check(mainClasses());
    }

    @Test
    void noOtherServiceIsUsed() {
        PureCodeRules.noDependencyOnOtherServices(root).check(mainClasses());
    }

    @Test
    void topLevelPackagesAreFeatures() {
        PureCodeRules.topLevelPackagesAreFeatures(root).check(mainClasses());
    }

    @Test
    void domainUsesNeitherApiNorMessaging() {
        PureCodeRules.layersPointOneWay(root).check(mainClasses());
    }

    @Test
    void messagingDoesNotUseApi() {
        PureCodeRules.messagingDoesNotUseApi(root).check(mainClasses());
    }

    /** {@code relative} under this service's root, e.g. {@code drift.stats} → {@code io.refinery.metrics.drift.stats}. */
    protected final String qualified(String relative) {
        return root + "." + relative;
    }

    private String[] qualified(List<String> relative) {
        return relative.stream().map(this::qualified).toArray(String[]::new);
    }
}
