package io.refinery.metrics.rollup.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.refinery.metrics.observation.domain.Observation;

/**
 * What a batch of new observations adds to the hourly and daily rollups, per system, metric, step, segment ('' =
 * all segments) and period. Aggregated in memory so the database upserts one row per touched rollup, not one per
 * observation.
 */
public final class RollupDelta {

    /** One rollup row's increment. */
    public static final class Cell {
        public final String systemKey;
        public final String metric;
        public final Step step;
        public final String segment;
        public final Instant bucket;
        public long count;
        public double sum;
        public double min = Double.POSITIVE_INFINITY;
        public double max = Double.NEGATIVE_INFINITY;
        public long ratioCount;
        public double numeratorSum;
        public double denominatorSum;

        Cell(String systemKey, String metric, Step step, String segment, Instant bucket) {
            this.systemKey = systemKey;
            this.metric = metric;
            this.step = step;
            this.segment = segment;
            this.bucket = bucket;
        }

        void add(Observation o) {
            count++;
            sum += o.value();
            min = Math.min(min, o.value());
            max = Math.max(max, o.value());
            if (o.denominator() != null) {
                ratioCount++;
                numeratorSum += o.numerator();
                denominatorSum += o.denominator();
            }
        }
    }

    private record Key(String systemKey, String metric, Step step, String segment, Instant bucket) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::systemKey).thenComparing(Key::metric)
            .thenComparing(Key::step).thenComparing(Key::segment).thenComparing(Key::bucket);

    private final Map<Key, Cell> cells = new HashMap<>();

    public static RollupDelta of(List<Observation> observations) {
        RollupDelta delta = new RollupDelta();
        for (Observation o : observations) {
            for (Step step : Step.values()) {
                Instant bucket = step.periodStart(o.observedAt());
                delta.cell(o.systemKey(), o.metric(), step, "", bucket).add(o);
                if (o.segment() != null) {
                    delta.cell(o.systemKey(), o.metric(), step, o.segment(), bucket).add(o);
                }
            }
        }
        return delta;
    }

    private Cell cell(String systemKey, String metric, Step step, String segment, Instant bucket) {
        return cells.computeIfAbsent(new Key(systemKey, metric, step, segment, bucket),
                k -> new Cell(systemKey, metric, step, segment, bucket));
    }

    /** The cells in a fixed order (system, metric, step, segment, bucket), so concurrent upserts lock rows alike. */
    public List<Cell> cells() {
        List<Map.Entry<Key, Cell>> entries = new ArrayList<>(cells.entrySet());
        entries.sort(Map.Entry.comparingByKey(ORDER));
        List<Cell> ordered = new ArrayList<>(entries.size());
        entries.forEach(e -> ordered.add(e.getValue()));
        return ordered;
    }
}
