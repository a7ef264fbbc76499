package io.refinery.metrics.observation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.messaging.DeadLetterHeaders;
import io.refinery.platform.messaging.DeadLetterReplay;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;

/**
 * Issue 16, point 7: a dead-letter queue is replayed after a fix. Observations of a system that was not registered
 * yet are refused into the DLQ; once the system is registered, a replay brings them back and they are stored; a
 * second replay does not send them again.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterReplayTest {

    private static final String TOPIC = "refinery.metrics.observations";

    @Test
    void observationsRefusedBeforeTheirSystemWasRegisteredAreStoredAfterAReplay() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        String prefix = "replay-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 3; i++) {
            TestTopics.send(bootstrap, TOPIC, "replay-late", """
                    {"id": "%s-%d", "systemKey": "replay-late", "metric": "ctr", "value": 0.1, "observedAt": "%s"}"""
                    .formatted(prefix, i, at.plusSeconds(i)));
        }
        ConsumerRecord<String, byte[]> dead = TestTopics.awaitRawRecord(bootstrap, TOPIC + ".dlq",
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(prefix + "-2"), Duration.ofSeconds(30))
                .stream().reduce((a, b) -> b).orElseThrow();
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.ERROR)).contains("unknown AI system");
        assertThat(DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.CONSUMER)).isEqualTo("metrics-service.observations");

        SystemEvents.registerAndAwait(bootstrap, "replay-late"); // the fix
        DeadLetterReplay.Result first = DeadLetterReplay.replay(bootstrap, TOPIC + ".dlq", Duration.ofSeconds(30));
        assertThat(first.replayed()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RefineryTestResource.database()
                .queryLong("select count(*) from metrics.observations where id like ?", prefix + "%")).isEqualTo(3));
        ConsumerRecord<String, byte[]> replayed = TestTopics.awaitRawRecord(bootstrap, TOPIC,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(prefix + "-2")
                        && r.headers().lastHeader(DeadLetterHeaders.REPLAYS) != null, Duration.ofSeconds(30))
                .stream().reduce((a, b) -> b).orElseThrow();
        assertThat(DeadLetterHeaders.text(replayed.headers(), DeadLetterHeaders.REPLAYS)).isEqualTo("1");
        assertThat(replayed.value()).isEqualTo(dead.value());

        // a second run replays only what arrived in the DLQ since: these three are not sent again
        DeadLetterReplay.replay(bootstrap, TOPIC + ".dlq", Duration.ofSeconds(30));
        assertThat(TestTopics.readAll(bootstrap, TOPIC, r -> r.value().contains(prefix)
                && r.headers().lastHeader(DeadLetterHeaders.REPLAYS) != null, Duration.ofSeconds(2))).hasSize(3);
    }
}
