package io.refinery.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.TestTokens;
import io.refinery.testing.fuzz.HostileRequests;
import io.restassured.http.ContentType;

/**
 * Issue 16: at least 10,000 hostile requests generated from this service's OpenAPI document ({@link HostileRequests},
 * seeded): never a 5xx, no answer says it stored something, and no row appears in the tables only requests
 * write.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class HostileRequestsTest {

    /** The tables only requests write (consumers and clocked jobs write the others while the test runs). */
    private static final String[] WRITTEN_ONLY_BY_HTTP = {"rules", "drift_monitors", "drift_retrains"};

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAndWriteNothing() throws Exception {
        Map<String, Long> before = RefineryTestResource.database().rowCounts("metrics", WRITTEN_ONLY_BY_HTTP);
        HostileRequests.Result result;
        try {
            result = new HostileRequests(16).run(10_000);
        } finally {
            // A well-formed PUT /api/v1/ingestion/kafka with an admin token may pause Kafka ingestion, as it should; the
            // tests after this one need it running.
            given().header("Authorization", TestTokens.bearer("alice", "admin")).contentType(ContentType.JSON)
                    .body("{\"paused\": false, \"reason\": \"hostile requests over\"}").put("/api/v1/ingestion/kafka")
                    .then().statusCode(200);
        }
        System.out.printf("hostile requests to metrics-service: %d sent, statuses %s, %d stored something%n", result.requests(),
                result.statuses(), result.writes());
        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.serverErrors()).isEmpty();
        assertThat(result.writes()).as("hostile requests that stored something").isZero();
        assertThat(RefineryTestResource.database().rowCounts("metrics", WRITTEN_ONLY_BY_HTTP)).isEqualTo(before);
    }
}
