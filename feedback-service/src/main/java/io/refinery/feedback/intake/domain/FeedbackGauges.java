package io.refinery.feedback.intake.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code refinery_feedback_sentiment{system,channel}}: mean sentiment (-1..1) of the feedback that occurred in the last
 * {@code refinery.gauges.sentiment-window}, read from PostgreSQL on every replica so all replicas report the same
 * value. A system and channel with no feedback in the window has no series.
 */
@ApplicationScoped
public class FeedbackGauges {

    private static final String MEAN = "select system_key, channel, avg(sentiment) as mean from feedback.feedback_items"
            + " where occurred_at >= $1 group by system_key, channel";

    private final Pool pool;
    private final Duration window;
    private final MultiGauge sentiment;

    public FeedbackGauges(Pool pool, MeterRegistry registry,
            @ConfigProperty(name = "refinery.gauges.sentiment-window", defaultValue = "P7D") Duration window) {
        this.pool = pool;
        this.window = window;
        this.sentiment = MultiGauge.builder("refinery_feedback_sentiment")
                .description("Mean sentiment (-1..1) of recent feedback by system and channel").register(registry);
    }

    @Scheduled(every = "${refinery.gauges.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        Instant since = Instant.now().minus(window);
        return pool.preparedQuery(MEAN).execute(Tuple.of(since.atOffset(ZoneOffset.UTC))).invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "channel",
                        r.getString("channel")), r.getDouble("mean")));
            }
            sentiment.register(gaugeRows, true);
        }).replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
    }
}
