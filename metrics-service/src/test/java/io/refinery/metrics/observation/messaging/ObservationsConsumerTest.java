package io.refinery.metrics.observation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.platform.ids.ClientId;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.events.SystemEvents;
import io.refinery.testing.kafka.TestTopics;
import io.refinery.platform.outbox.CloudEvent;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ObservationsConsumerTest {

    private static final String TOPIC = "refinery.metrics.observations";

    @Test
    void observationsFromKafkaAreStoredOnceAndBadRecordsGoToTheDeadLetterTopic() throws Exception {
        String bootstrap = RefineryTestResource.bootstrapServers();
        SystemEvents.registerAndAwait(bootstrap, "kafka-reco");

        String prefix = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 20; i++) {
            String item = """
                    {"id": "%s-%d", "systemKey": "kafka-reco", "metric": "ctr", "value": 0.03, "observedAt": "%s"}"""
                    .formatted(prefix, i, at.plusSeconds(i));
            TestTopics.send(bootstrap, TOPIC, "kafka-reco", item);
        }
        // A replayed record, a CloudEvent-wrapped record, and two poison records.
        TestTopics.send(bootstrap, TOPIC, "kafka-reco", """
                {"id": "%s-0", "systemKey": "kafka-reco", "metric": "ctr", "value": 0.03, "observedAt": "%s"}"""
                .formatted(prefix, at));
        TestTopics.sendCloudEvent(bootstrap, TOPIC, "kafka-reco", """
                {"specversion": "1.0", "id": "%1$s", "source": "/shop", "type": "io.shop.metric.v1", "subject": "kafka-reco",
                 "data": {"id": "%1$s-ce", "systemKey": "kafka-reco", "metric": "ctr", "value": 0.05, "observedAt": "%2$s"}}"""
                .formatted(prefix, at));
        TestTopics.send(bootstrap, TOPIC, "poison-1", "not json at all");
        TestTopics.send(bootstrap, TOPIC, "poison-3", """
                {"id": "%s bad/id", "systemKey": "kafka-reco", "metric": "ctr", "value": 1, "observedAt": "%s"}"""
                .formatted(prefix, at));
        TestTopics.send(bootstrap, TOPIC, "poison-2", """
                {"id": "%s-bad", "systemKey": "unknown-system", "metric": "ctr", "value": 1, "observedAt": "%s"}"""
                .formatted(prefix, at));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(RefineryTestResource.database().queryLong("select count(*) from metrics.observations where id like ?", prefix + "%")).isEqualTo(21));
        List<ConsumerRecord<String, String>> dead = TestTopics.awaitRecord(bootstrap, TOPIC + ".dlq",
                r -> "poison-2".equals(r.key()), Duration.ofSeconds(20));
        ConsumerRecord<String, String> unknown = dead.get(dead.size() - 1);
        assertThat(new String(unknown.headers().lastHeader("refinery-error").value(), StandardCharsets.UTF_8))
                .contains("systemKey").contains("unknown AI system");
        // the two poison records may sit on different partitions of the DLQ: wait for each on its own
        TestTopics.awaitRecord(bootstrap, TOPIC + ".dlq", r -> "poison-1".equals(r.key()), Duration.ofSeconds(20));
        List<ConsumerRecord<String, String>> badIds = TestTopics.awaitRecord(bootstrap, TOPIC + ".dlq",
                r -> "poison-3".equals(r.key()), Duration.ofSeconds(20));
        assertThat(new String(badIds.get(badIds.size() - 1).headers().lastHeader("refinery-error").value(), StandardCharsets.UTF_8))
                .isEqualTo("[{\"field\":\"id\",\"message\":\"" + ClientId.MESSAGE + "\"}]");
        // The hourly rollup counted each stored observation exactly once.
        assertThat(RefineryTestResource.database().queryLong("select sum(count) from metrics.rollups where system_key = 'kafka-reco' and step = 'PT1H' and segment = ''"
                + " and metric = ?", "ctr")).isEqualTo(21);
    }

}
