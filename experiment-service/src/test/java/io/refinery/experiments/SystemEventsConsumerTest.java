package io.refinery.experiments;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.contracts.SystemProjectionContract;

/** The foundation's flow for experiment-service: schema, auth, the registry projection from the real broker, the outbox relay. */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class SystemEventsConsumerTest extends SystemProjectionContract {

    @Override
    protected String schema() {
        return "experiments";
    }
}
