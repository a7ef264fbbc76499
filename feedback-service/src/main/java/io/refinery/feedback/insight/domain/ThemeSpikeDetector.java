package io.refinery.feedback.insight.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.refinery.feedback.stats.ThemeSpikes;
import io.refinery.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.events.InsightEvent;

/**
 * Once per closed UTC day (after a grace for late feedback), compares each system's theme shares of that day with
 * the baseline days before it ({@link ThemeSpikes}) and stores each spike with its {@code theme.spiked} insight
 * through the outbox. The day is claimed in theme_spike_checks, so it is checked once across replicas.
 */
@ApplicationScoped
public class ThemeSpikeDetector {

    private static final Logger LOG = Logger.getLogger(ThemeSpikeDetector.class);
    private static final String CLAIM = "insert into feedback.theme_spike_checks (day, checked_at) values (?1, now())"
            + " on conflict do nothing";
    private static final String ITEMS = "select system_key, count(*) filter (where occurred_at >= ?2),"
            + " count(*) filter (where occurred_at < ?2) from feedback.feedback_items"
            + " where occurred_at >= ?1 and occurred_at < ?3 group by system_key";
    private static final String THEMES = "select system_key, t, count(*) filter (where occurred_at >= ?2),"
            + " count(*) filter (where occurred_at < ?2) from feedback.feedback_items cross join lateral unnest(themes) as t"
            + " where occurred_at >= ?1 and occurred_at < ?3 group by system_key, t";
    private static final String INSERT = "insert into feedback.theme_spikes (id, system_key, theme, period_start, period_end,"
            + " count_now, items_now, count_before, items_before, ratio, z, p, event_id, detected_at)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, now()) on conflict do nothing";

    private final Outbox outbox;
    private final int baselineDays;
    private final Duration grace;
    private final ThemeSpikes.Rule rule;

    public ThemeSpikeDetector(Outbox outbox,
            @ConfigProperty(name = "refinery.themes.baseline-days", defaultValue = "7") int baselineDays,
            @ConfigProperty(name = "refinery.themes.close-grace", defaultValue = "PT1H") Duration grace,
            @ConfigProperty(name = "refinery.themes.spike-min-items", defaultValue = "20") long minItems,
            @ConfigProperty(name = "refinery.themes.spike-min-count", defaultValue = "5") long minCount,
            @ConfigProperty(name = "refinery.themes.spike-min-ratio", defaultValue = "2.0") double minRatio,
            @ConfigProperty(name = "refinery.themes.spike-alpha", defaultValue = "0.01") double alpha) {
        this.outbox = outbox;
        this.baselineDays = baselineDays;
        this.grace = grace;
        this.rule = new ThemeSpikes.Rule(minItems, minCount, minRatio, alpha);
    }

    @Scheduled(every = "${refinery.themes.spike-check-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        Instant day = Instant.now().minus(grace).truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        return checkDay(day)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("theme spikes on %s: %d", day, n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("theme spike check of %s failed, will retry: %s", day, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Checks the UTC day starting at {@code day} unless it was checked before; returns how many spikes it stored. */
    @WithTransaction
    public Uni<Integer> checkDay(Instant day) {
        Instant end = day.plus(Duration.ofDays(1));
        Instant baseline = day.minus(Duration.ofDays(baselineDays));
        return Panache.getSession().flatMap(s -> s.createNativeQuery(CLAIM).setParameter(1, utc(day)).executeUpdate()
                .flatMap(claimed -> claimed == 0 ? Uni.createFrom().item(0)
                        : s.createNativeQuery(ITEMS, Object[].class).setParameter(1, utc(baseline)).setParameter(2, utc(day))
                                .setParameter(3, utc(end)).getResultList()
                                .flatMap(items -> s.createNativeQuery(THEMES, Object[].class).setParameter(1, utc(baseline))
                                        .setParameter(2, utc(day)).setParameter(3, utc(end)).getResultList()
                                        .flatMap(themes -> store(s, day, end, items, themes)))));
    }

    private Uni<Integer> store(Mutiny.Session s, Instant day, Instant end, List<Object[]> items, List<Object[]> themes) {
        Map<String, Map<String, Long>> now = new HashMap<>();
        Map<String, Map<String, Long>> before = new HashMap<>();
        for (Object[] t : themes) {
            now.computeIfAbsent((String) t[0], k -> new HashMap<>()).put((String) t[1], ((Number) t[2]).longValue());
            before.computeIfAbsent((String) t[0], k -> new HashMap<>()).put((String) t[1], ((Number) t[3]).longValue());
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Object[] row : items) {
            String system = (String) row[0];
            List<ThemeSpikes.Spike> spikes = ThemeSpikes.detect(now.getOrDefault(system, Map.of()),
                    ((Number) row[1]).longValue(), before.getOrDefault(system, Map.of()), ((Number) row[2]).longValue(), rule);
            for (ThemeSpikes.Spike spike : new ArrayList<>(spikes)) {
                chain = chain.flatMap(n -> insert(s, system, day, end, spike).map(stored -> n + stored));
            }
        }
        return chain;
    }

    private Uni<Integer> insert(Mutiny.Session s, String system, Instant day, Instant end, ThemeSpikes.Spike spike) {
        UUID id = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        InsightEvent.ThemeSpiked event = new InsightEvent.ThemeSpiked(id, system, spike.theme(), day, end, spike.count(),
                spike.items(), spike.share(), spike.countBefore(), spike.itemsBefore(), spike.shareBefore(), spike.ratio(),
                spike.z(), spike.p(), Instant.now());
        return s.createNativeQuery(INSERT).setParameter(1, id).setParameter(2, system).setParameter(3, spike.theme())
                .setParameter(4, utc(day)).setParameter(5, utc(end)).setParameter(6, spike.count())
                .setParameter(7, spike.items()).setParameter(8, spike.countBefore()).setParameter(9, spike.itemsBefore())
                .setParameter(10, spike.ratio()).setParameter(11, spike.z()).setParameter(12, spike.p())
                .setParameter(13, eventId).executeUpdate()
                .flatMap(inserted -> inserted == 0 ? Uni.createFrom().item(0)
                        : outbox.append(eventId, InsightEvent.TOPIC, InsightEvent.ThemeSpiked.TYPE, system, event)
                                .replaceWith(1));
    }

    private static Object utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
