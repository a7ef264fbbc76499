package io.refinery.metrics.drift.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A batch of drift samples as {@link SampleStore} writes it: each id once, in lock order (system, then id). */
final class SampleBatch {

    private SampleBatch() {
    }

    /** A sample id once per batch: the first item's features and time, the first prediction and outcome given. */
    record Item(int position, Sample sample, Sample.Value prediction, Sample.Value outcome) {

        String key() {
            return sample.systemKey() + '\u0000' + sample.id();
        }
    }

    /** An error that just became known, at its position in the batch. */
    record Error(int position, String systemKey, double error) {
    }

    /** The batch with each (system, id) once, sorted by system and id. */
    static List<Item> collapse(List<Sample> batch) {
        Map<String, Item> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            Item item = new Item(i, s, s.prediction(), s.outcome());
            byKey.merge(item.key(), item, (first, later) -> new Item(first.position(), first.sample(),
                    first.prediction() != null ? first.prediction() : later.prediction(),
                    first.outcome() != null ? first.outcome() : later.outcome()));
        }
        List<Item> items = new ArrayList<>(byKey.values());
        items.sort(Comparator.comparing((Item x) -> x.sample().systemKey()).thenComparing(x -> x.sample().id()));
        return items;
    }
}
