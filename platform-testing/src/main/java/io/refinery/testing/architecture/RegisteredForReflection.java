package io.refinery.testing.architecture;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * What a service serialises by hand through Jackson (its outbox events, its JSON columns, the dead letters' reasons)
 * is reached by reflection, which a native image allows only for registered classes: each such class is annotated
 * {@code @RegisterForReflection}, or named in the {@code targets} (or {@code classNames}) of a
 * {@code @RegisterForReflection} on a class of the service's main code (the way for pure packages, which must not
 * import Quarkus). As in Quarkus, a class annotated with targets registers its targets, not itself.
 * <p>
 * Records nested in a checked class (a component of record type, a list or map of records, at any depth) are checked
 * too. Enums are not: Jackson writes and reads them by name (register one by hand if it carries Jackson annotations).
 */
public final class RegisteredForReflection {

    /** The annotation, by name: platform-testing does not depend on the Quarkus runtime. */
    public static final String ANNOTATION = "io.quarkus.runtime.annotations.RegisterForReflection";

    private static final Set<String> JACKSON_READERS = Set.of("com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.databind.ObjectReader");
    private static final Set<String> READ_METHODS = Set.of("readValue", "readValues", "treeToValue", "convertValue",
            "readerFor", "readerForListOf", "readerForArrayOf", "readerForMapOf");
    private static final String TYPE_REFERENCE = "com.fasterxml.jackson.core.type.TypeReference";

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private RegisteredForReflection() {
    }

    /**
     * Fails naming each class of {@code serialisedByHand}, and each record nested in one, that is not registered for
     * reflection in {@code serviceRoot}'s main code (or by its own annotation, for a class of platform-runtime).
     *
     * @param serviceRoot      the service's root package, e.g. {@code io.refinery.metrics}
     * @param serialisedByHand what the service passes to an ObjectMapper or to the outbox itself
     */
    public static void assertRegistered(String serviceRoot, List<Class<?>> serialisedByHand) {
        Map<Class<?>, String> reached = new LinkedHashMap<>();
        for (Class<?> type : serialisedByHand) {
            reached.putIfAbsent(type, "listed");
            components(type, reached);
        }
        failIfUnregistered(serviceRoot, reached, "serialised by hand");
    }

    /**
     * The guard for new code on the reading side: in every class of {@code serviceRoot} that calls an ObjectMapper or
     * ObjectReader read ({@code readValue}, {@code treeToValue}, {@code convertValue}, {@code readerFor...}), the
     * records it names as a class literal ({@code AlertEvidence.class}) or as the type argument of a
     * {@code TypeReference} ({@code new TypeReference<List<MonitorFeature>>() {}}), and the records nested in them,
     * are registered. What is only written ({@code writeValueAsString(Object)}, the outbox's {@code Object data})
     * leaves no type in the bytecode; the explicit list of {@link #assertRegistered} covers it.
     */
    public static void assertReadTypesRegistered(String serviceRoot) {
        Map<Class<?>, String> reached = new LinkedHashMap<>();
        for (JavaClass reader : mainClasses(serviceRoot)) {
            if (readsJson(reader)) {
                readTypes(reader, reached);
            }
        }
        failIfUnregistered(serviceRoot, reached, "read from JSON by hand");
    }

    /**
     * The guard for new code by name: every record of {@code serviceRoot} that lives in a {@code messaging} package or
     * whose simple name ends in {@code Event} or {@code Payload} (what a service publishes or receives) is registered,
     * with the records nested in it. {@code ...Details} is left out: records of that name are also plain carriers
     * between domain and api (a rollout with its history) that are never serialised.
     */
    public static void assertEventRecordsRegistered(String serviceRoot) {
        Map<Class<?>, String> reached = new LinkedHashMap<>();
        for (JavaClass type : mainClasses(serviceRoot)) {
            String simpleName = type.getSimpleName();
            boolean eventLike = (type.getPackageName() + ".").contains(".messaging.")
                    || simpleName.endsWith("Event") || simpleName.endsWith("Payload");
            if (type.isRecord() && eventLike) {
                Class<?> record = type.reflect();
                reached.putIfAbsent(record, "a record named like an event or in a messaging package");
                components(record, reached);
            }
        }
        failIfUnregistered(serviceRoot, reached, "named like an event");
    }

    private static void failIfUnregistered(String serviceRoot, Map<Class<?>, String> reached, String what) {
        Set<String> registered = registeredIn(mainClasses(serviceRoot));
        JavaClasses checked = new ClassFileImporter().importClasses(reached.keySet());
        List<String> missing = reached.entrySet().stream()
                .filter(e -> !registered.contains(e.getKey().getName())
                        && !annotatedItself(checked.get(e.getKey())))
                .map(e -> "  " + e.getKey().getName() + " (" + e.getValue() + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new AssertionError(missing.size() + " class(es) " + what + " in " + serviceRoot
                    + " are not registered for reflection, so a native image could not (de)serialise them:\n"
                    + String.join("\n", missing) + "\nAnnotate each with @" + ANNOTATION + " or, for a class of a "
                    + "pure package (which must not import Quarkus), name it in the targets of " + serviceRoot
                    + ".ReflectionRegistrations.");
        }
    }

    /** The records nested in {@code type}'s components, each with the component that leads to it. */
    private static void components(Class<?> type, Map<Class<?>, String> reached) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            nested(component.getGenericType(), type.getSimpleName() + "." + component.getName(), reached);
        }
    }

    private static void nested(Type type, String via, Map<Class<?>, String> reached) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                nested(c.getComponentType(), via, reached);
            } else if (c.isRecord() && reached.putIfAbsent(c, "via " + via) == null) {
                components(c, reached);
            }
        } else if (type instanceof ParameterizedType p) {
            nested(p.getRawType(), via, reached);
            for (Type argument : p.getActualTypeArguments()) {
                nested(argument, via, reached);
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                nested(bound, via, reached);
            }
        } else if (type instanceof GenericArrayType a) {
            nested(a.getGenericComponentType(), via, reached);
        }
        // a type variable names no class
    }

    private static boolean readsJson(JavaClass type) {
        return type.getMethodCallsFromSelf().stream().anyMatch(call -> READ_METHODS.contains(call.getName())
                && JACKSON_READERS.contains(call.getTargetOwner().getName()));
    }

    /** Class literals, TypeReference fields and anonymous TypeReferences of {@code reader} (lambdas included). */
    private static void readTypes(JavaClass reader, Map<Class<?>, String> reached) {
        String via = "read in " + reader.getSimpleName();
        reader.getReferencedClassObjects().forEach(literal -> nested(literal.getRawType().reflect(), via, reached));
        for (JavaField field : reader.getFields()) {
            if (field.getRawType().getName().equals(TYPE_REFERENCE)) {
                nested(field.reflect().getGenericType(), via, reached);
            }
        }
        for (JavaClass anonymous : typeReferencesDeclaredIn(reader)) {
            nested(anonymous.reflect().getGenericSuperclass(), via, reached);
        }
    }

    private static Collection<JavaClass> typeReferencesDeclaredIn(JavaClass reader) {
        return reader.getConstructorCallsFromSelf().stream().map(call -> call.getTargetOwner())
                .filter(owner -> owner.getRawSuperclass().map(s -> s.getName().equals(TYPE_REFERENCE)).orElse(false))
                .collect(Collectors.toSet());
    }

    /** The names the service's {@code @RegisterForReflection} annotations register. */
    private static Set<String> registeredIn(JavaClasses classes) {
        Set<String> names = new HashSet<>();
        for (JavaClass type : classes) {
            type.tryGetAnnotationOfType(ANNOTATION).ifPresent(annotation -> {
                JavaClass[] targets = targets(annotation);
                String[] classNames = classNames(annotation);
                if (targets.length == 0 && classNames.length == 0) {
                    names.add(type.getName());
                }
                for (JavaClass target : targets) {
                    names.add(target.getName());
                }
                names.addAll(List.of(classNames));
            });
        }
        return names;
    }

    private static boolean annotatedItself(JavaClass type) {
        return type.tryGetAnnotationOfType(ANNOTATION)
                .map(annotation -> targets(annotation).length == 0 && classNames(annotation).length == 0)
                .orElse(false);
    }

    private static JavaClass[] targets(JavaAnnotation<?> annotation) {
        return (JavaClass[]) annotation.get("targets").orElse(new JavaClass[0]);
    }

    private static String[] classNames(JavaAnnotation<?> annotation) {
        return (String[]) annotation.get("classNames").orElse(new String[0]);
    }

    private static JavaClasses mainClasses(String serviceRoot) {
        return IMPORTED.computeIfAbsent(serviceRoot, root -> new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests()).importPackages(root));
    }
}
