package io.refinery.metrics.drift.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.refinery.metrics.drift.sampling.BottomKSample;
import io.refinery.metrics.drift.sampling.WindowSample;
import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DriftComparator;
import io.refinery.metrics.drift.stats.DriftInput;
import io.refinery.metrics.drift.stats.DriftMethod;
import io.refinery.metrics.drift.stats.DriftResult;

/**
 * Compares one feature of a monitor between its reference and current windows, from the stored days: numerical
 * features from the days' uniform samples ({@link WindowSample#numerical}), categorical ones from the exact counts
 * (or, when the feature arrived as numbers, from the sampled numbers as labels). Each side needs {@code minSamples}
 * values, else the result says "insufficient data".
 */
final class FeatureComparison {

    /** The stored days of one feature in one window. */
    record Days(List<BottomKSample> samples, List<Map<String, Long>> categories, long labelled) {

        long seen() {
            return samples.stream().mapToLong(BottomKSample::seen).sum();
        }
    }

    private FeatureComparison() {
    }

    static FeatureResult compare(MonitorFeature f, Days reference, Days current, DriftMethod method, int minSamples) {
        if (f.type() == DataType.NUMERICAL) {
            double[] ref = WindowSample.numerical(reference.samples(), DriftInput.MAX_VALUES);
            double[] cur = WindowSample.numerical(current.samples(), DriftInput.MAX_VALUES);
            String shortage = shortage(ref.length, cur.length, minSamples, reference.labelled() + current.labelled() > 0
                    ? "; this feature arrived as strings, so a CATEGORICAL monitor fits it" : "");
            if (shortage != null) {
                return insufficient(f, ref.length, cur.length, reference.seen(), current.seen(), shortage);
            }
            DriftResult r = DriftComparator.compare(new DriftInput.Numerical(method, ref, cur, null));
            return result(f, r, ref.length, cur.length, reference.seen(), current.seen(), WindowSample.meanShift(ref, cur));
        }
        String[] ref = labels(reference);
        String[] cur = labels(current);
        long referenceSeen = reference.labelled() > 0 ? reference.labelled() : reference.seen();
        long currentSeen = current.labelled() > 0 ? current.labelled() : current.seen();
        String shortage = shortage(ref.length, cur.length, minSamples, "");
        if (shortage != null) {
            return insufficient(f, ref.length, cur.length, referenceSeen, currentSeen, shortage);
        }
        DriftResult r = DriftComparator.compare(new DriftInput.Categorical(method, ref, cur, null));
        return result(f, r, ref.length, cur.length, referenceSeen, currentSeen, null);
    }

    /** Labels from the counts, or from the sampled numbers when the feature came as numbers only. */
    private static String[] labels(Days days) {
        if (days.labelled() > 0) {
            return WindowSample.categorical(days.categories(), DriftInput.MAX_VALUES);
        }
        return Arrays.stream(WindowSample.numerical(days.samples(), DriftInput.MAX_VALUES))
                .mapToObj(v -> new Sample.Value(v, null).text()).toArray(String[]::new);
    }

    private static String shortage(int reference, int current, int minSamples, String hint) {
        if (reference >= minSamples && current >= minSamples) {
            return null;
        }
        return String.format(Locale.ROOT, "insufficient data: %d reference and %d current values, %d needed on each side%s",
                reference, current, minSamples, hint);
    }

    private static FeatureResult insufficient(MonitorFeature f, int referenceSize, int currentSize, long referenceSeen,
            long currentSeen, String note) {
        return new FeatureResult(f.name(), f.type(), f.modelInput(), null, null, null, null, false, null, referenceSize,
                currentSize, referenceSeen, currentSeen, null, note, null);
    }

    private static FeatureResult result(MonitorFeature f, DriftResult r, int referenceSize, int currentSize,
            long referenceSeen, long currentSeen, Double meanShift) {
        return new FeatureResult(f.name(), f.type(), f.modelInput(), r.method(), r.statistic(), r.pValue(),
                r.threshold(), r.drifted(), r.psiBand(), referenceSize, currentSize, referenceSeen, currentSeen,
                meanShift, null, r.pValueMethod());
    }
}
