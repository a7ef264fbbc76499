package io.refinery.testing.architecture;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What a service serialises by hand through Jackson is registered for reflection, so the native build stays possible
 * ({@link RegisteredForReflection}). A service's {@code SerialisedRecordsTest} extends this class with its root package
 * and the explicit list of what it writes or reads by hand, grouped by call site.
 */
public abstract class SerialisedByHandTest {

    private final String root;
    private final List<Class<?>> serialisedByHand;

    /**
     * @param root             the service's root package, e.g. {@code io.refinery.metrics}
     * @param serialisedByHand what its main code hands to an ObjectMapper or to the outbox (nested records are
     *                         checked too)
     */
    protected SerialisedByHandTest(String root, List<Class<?>> serialisedByHand) {
        this.root = root;
        this.serialisedByHand = serialisedByHand;
    }

    @Test
    void whatIsSerialisedByHandIsRegistered() {
        RegisteredForReflection.assertRegistered(root, serialisedByHand);
    }

    @Test
    void whatIsReadFromJsonByHandIsRegistered() {
        RegisteredForReflection.assertReadTypesRegistered(root);
    }

    @Test
    void recordsNamedLikeEventsAreRegistered() {
        RegisteredForReflection.assertEventRecordsRegistered(root);
    }
}
