package io.refinery.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.fuzz.HostileRequests;

/**
 * Issue 16: at least 10,000 hostile requests generated from this service's OpenAPI document ({@link HostileRequests},
 * seeded): never a 5xx, no answer says it stored something, and no row appears in the tables only requests
 * write.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class HostileRequestsTest {

    /** The tables only requests write (consumers and clocked jobs write the others while the test runs). */
    private static final String[] WRITTEN_ONLY_BY_HTTP = {"experiments", "rollouts"};

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAndWriteNothing() throws Exception {
        Map<String, Long> before = RefineryTestResource.database().rowCounts("experiments", WRITTEN_ONLY_BY_HTTP);
        HostileRequests.Result result = new HostileRequests(16).run(10_000);
        System.out.printf("hostile requests to experiment-service: %d sent, statuses %s, %d stored something%n", result.requests(),
                result.statuses(), result.writes());
        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.serverErrors()).isEmpty();
        assertThat(result.writes()).as("hostile requests that stored something").isZero();
        assertThat(RefineryTestResource.database().rowCounts("experiments", WRITTEN_ONLY_BY_HTTP)).isEqualTo(before);
    }
}
