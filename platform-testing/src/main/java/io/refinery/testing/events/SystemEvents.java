package io.refinery.testing.events;

import java.time.Instant;

import io.refinery.testing.kafka.TestTopics;

/**
 * Builds and sends oversight-service's system registered/updated CloudEvents (the refinery.systems contract),
 * for tests of services that must know a system before they accept data about it.
 */
public final class SystemEvents {

    private SystemEvents() {
    }

    public static String event(String eventId, String key, long revision, String brandImpact) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service",
                 "type": "io.refinery.oversight.system.updated.v1", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json",
                 "data": {"key": "%s", "name": "Support chatbot", "kind": "CHATBOT", "ownerTeam": "care",
                          "riskProfile": {"brandImpact": "%s", "financialImpact": "LOW", "customerImpact": "HIGH"},
                          "revision": %d, "updatedAt": "%s"}}
                """.formatted(eventId, key, Instant.now(), key, brandImpact, revision, Instant.now());
    }

    /**
     * Registers {@code key} and waits until the running service answers {@code GET /api/v1/systems/{key}} with 200
     * (RestAssured must already point at the service, i.e. call it from a test method or {@code @BeforeEach}).
     */
    public static void registerAndAwait(String bootstrapServers, String key) {
        register(bootstrapServers, key);
        String viewer = io.refinery.testing.auth.TestTokens.bearer("victor", "viewer");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                io.restassured.RestAssured.given().header("Authorization", viewer).get("/api/v1/systems/" + key)
                        .then().statusCode(200));
    }

    /** Publishes a registration of {@code key} (revision 1) on refinery.systems. */
    public static void register(String bootstrapServers, String key) {
        TestTopics.sendCloudEvent(bootstrapServers, "refinery.systems", key,
                event(java.util.UUID.randomUUID().toString(), key, 1, "MEDIUM"));
    }
}
