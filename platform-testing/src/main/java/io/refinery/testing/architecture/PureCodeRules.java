package io.refinery.testing.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout rules of DESIGN.md §2 that every service checks at build time, on its own main classes: pure packages
 * are plain Java, they do not reach into the service's framework-bound packages, and no service uses another's code.
 * <p>
 * Packages are given by name ({@code io.refinery.metrics.drift.stats}); each rule covers its subpackages too.
 */
public final class PureCodeRules {

    /** Packages a pure package must not use: the frameworks, their APIs, the shared runtime (but {@link #EVENT_CONTRACTS}). */
    public static final List<String> FRAMEWORK_PACKAGES = List.of(
            "io.quarkus..", "jakarta..", "javax..", "io.smallrye..", "io.vertx..", "org.hibernate..",
            "org.eclipse.microprofile..", "org.apache.kafka..", "io.micrometer..", "org.jboss..", "java.sql..",
            "com.fasterxml.jackson..", "io.refinery.platform..");

    /** The root package of each service. */
    public static final List<String> SERVICE_ROOTS = List.of(
            "io.refinery.metrics", "io.refinery.experiments", "io.refinery.feedback", "io.refinery.oversight");

    /**
     * What a pure package may use of the shared runtime: the records and interfaces of the shared event contracts
     * ({@code io.refinery.platform.events}), which are plain data. Their readers (which parse JSON) stay out of reach.
     */
    public static final DescribedPredicate<JavaClass> EVENT_CONTRACTS = resideInAPackage("io.refinery.platform.events")
            .and(assignableTo(Record.class).or(INTERFACES))
            .as("the records and interfaces of io.refinery.platform.events");

    private static final String PURE = "pure logic is plain Java (DESIGN.md §2): it is unit-tested with plain JUnit, "
            + "without a container, a broker or a database, and it does not change when a framework does";

    private PureCodeRules() {
    }

    /** (a) Classes in {@code purePackages} depend on none of {@link #FRAMEWORK_PACKAGES}. */
    public static ArchRule noFrameworkDependencies(String... purePackages) {
        DescribedPredicate<JavaClass> framework = resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
                .and(not(EVENT_CONTRACTS)).as("reside in any package %s (but %s)", FRAMEWORK_PACKAGES, EVENT_CONTRACTS);
        return noClasses().that().resideInAnyPackage(withSubpackages(purePackages))
                .should().dependOnClassesThat(framework)
                .because(PURE);
    }

    /**
     * (a) with one stated exception: classes in {@code purePackages} may use the classes of {@code allowedPackage}
     * (exactly that package, not its subpackages), and none other of {@link #FRAMEWORK_PACKAGES}.
     */
    public static ArchRule noFrameworkDependenciesExcept(String allowedPackage, String why, String... purePackages) {
        DescribedPredicate<JavaClass> framework = resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
                .and(not(resideInAPackage(allowedPackage))).and(not(EVENT_CONTRACTS))
                .as("reside in any package %s but %s (or %s)", FRAMEWORK_PACKAGES, allowedPackage, EVENT_CONTRACTS);
        return noClasses().that().resideInAnyPackage(withSubpackages(purePackages))
                .should().dependOnClassesThat(framework)
                .because(PURE + "; " + allowedPackage + " is allowed because " + why);
    }

    /**
     * (b) Classes in {@code purePackages} use nothing else of {@code serviceRoot} (its api, domain, messaging, ...);
     * pure packages may use each other.
     */
    public static ArchRule noDependencyOnRestOfService(String serviceRoot, String... purePackages) {
        String[] pure = withSubpackages(purePackages);
        DescribedPredicate<JavaClass> restOfService = resideInAPackage(serviceRoot + "..")
                .and(not(resideInAnyPackage(pure)))
                .as("reside in %s.. outside the pure packages", serviceRoot);
        return noClasses().that().resideInAnyPackage(pure)
                .should().dependOnClassesThat(restOfService)
                .because("pure logic sits below the service's resources, entities and consumers (layering is "
                        + "one-way, DESIGN.md §2): what it needs comes in as arguments, so it stays testable alone");
    }

    /**
     * JDBC ({@code java.sql}, {@code javax.sql}, Agroal) is used only in {@code jdbcPackages} (exactly those packages):
     * entities go through Panache and queries through the reactive client, so a blocking connection never reaches
     * the event loop by accident (README, "Database access").
     */
    public static ArchRule jdbcOnlyIn(String serviceRoot, String... jdbcPackages) {
        return noClasses().that().resideInAPackage(serviceRoot + "..").and().resideOutsideOfPackages(jdbcPackages)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                .because("one database API per kind of work (README, \"Database access\"): Panache for entities, the "
                        + "reactive client for queries and ledgers, JDBC only for COPY and blocking work named by the service");
    }

    /** (c) No class of {@code serviceRoot} depends on another service's classes. */
    public static ArchRule noDependencyOnOtherServices(String serviceRoot) {
        if (!SERVICE_ROOTS.contains(serviceRoot)) {
            throw new IllegalArgumentException(serviceRoot + " is not one of " + SERVICE_ROOTS);
        }
        String[] others = SERVICE_ROOTS.stream().filter(root -> !root.equals(serviceRoot))
                .map(root -> root + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(serviceRoot + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services are deployed and changed on their own and talk only through their HTTP APIs "
                        + "and Kafka events; code both need is infrastructure and belongs in platform-runtime");
    }

    /**
     * (d) Inside each feature, layering is one-way (DESIGN.md §2): {@code domain} uses neither {@code api} nor
     * {@code messaging} of any feature, and {@code messaging} does not use {@code api}. Resources and consumers call
     * the domain; the domain hands its events to the outbox as records it owns.
     */
    public static ArchRule layersPointOneWay(String serviceRoot) {
        return noClasses().that().resideInAPackage(serviceRoot + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(serviceRoot + "..api..", serviceRoot + "..messaging..")
                .because("the rules of a feature must not know how they are reached (HTTP or Kafka): api and "
                        + "messaging are adapters around the domain, so one validator and one rule serve both");
    }

    /** (d) continued: consumers and emitters do not use resources. */
    public static ArchRule messagingDoesNotUseApi(String serviceRoot) {
        return noClasses().that().resideInAPackage(serviceRoot + "..messaging..")
                .should().dependOnClassesThat().resideInAPackage(serviceRoot + "..api..")
                .because("a Kafka consumer and an HTTP resource are two doors to the same domain");
    }

    /**
     * (e) The service's top-level packages are its features (and its pure packages): there is no service-wide
     * {@code api}, {@code domain} or {@code messaging} grab bag, so a feature is one folder.
     */
    public static ArchRule topLevelPackagesAreFeatures(String serviceRoot) {
        return noClasses().should().resideInAnyPackage(
                        serviceRoot + ".api..", serviceRoot + ".domain..", serviceRoot + ".messaging..")
                .because("DESIGN.md §2: inside a service, top-level packages are features, each with its own "
                        + "api/domain/messaging");
    }

    private static String[] withSubpackages(String... packages) {
        if (packages.length == 0) {
            throw new IllegalArgumentException("name at least one package");
        }
        return Arrays.stream(packages).map(name -> name + "..").toArray(String[]::new);
    }
}
