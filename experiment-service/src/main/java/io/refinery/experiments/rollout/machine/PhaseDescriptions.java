package io.refinery.experiments.rollout.machine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a phase is shown to the people who decide on it: the one-line summaries of the requests sent to oversight
 * (start a phase, resume a paused one) and the phase as a plain map for the request's evidence.
 */
public final class PhaseDescriptions {

    private PhaseDescriptions() {
    }

    /** {@code Start phase 2 'wider' of rollout r (25% of regions eu)}; {@code index} counts from 0. */
    public static String gateSummary(String rolloutKey, int index, Phase asked) {
        return "Start phase %d '%s' of rollout %s (%s%% of %s)".formatted(index + 1, asked.name(), rolloutKey,
                percent(asked.trafficPercent()), scope(asked.scope()));
    }

    /** {@code Resume phase 1 'pilot' of rollout r, paused: <reason>}; {@code index} counts from 0. */
    public static String resumeSummary(String rolloutKey, int index, Phase asked, String pauseReason) {
        return "Resume phase %d '%s' of rollout %s, paused: %s".formatted(index + 1, asked.name(), rolloutKey, pauseReason);
    }

    /** {@code Override the pilot's decision to roll out <variant> on <system>: <reason>}. */
    public static String overrideSummary(String variant, String systemKey, String overrideReason) {
        return "Override the pilot's decision to roll out %s on %s: %s".formatted(variant, systemKey, overrideReason);
    }

    /** The axes a scope lists, e.g. {@code categories books; regions eu, us}, or {@code everywhere}. */
    public static String scope(PhaseScope scope) {
        List<String> parts = new ArrayList<>();
        axis(parts, "categories", scope.categories());
        axis(parts, "regions", scope.regions());
        axis(parts, "segments", scope.segments());
        axis(parts, "warehouses", scope.warehouses());
        return parts.isEmpty() ? "everywhere" : String.join("; ", parts);
    }

    /** A traffic percentage without a needless fraction: 25.0 → {@code 25}, 12.5 → {@code 12.5}. */
    public static String percent(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }

    /** The phase as the evidence of a request shows it: name, scope, traffic, minimum duration, exit criteria. */
    public static Map<String, Object> view(Phase p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", p.name());
        view.put("scope", p.scope());
        view.put("trafficPercent", p.trafficPercent());
        view.put("minDuration", p.minDuration().toString());
        view.put("exitCriteria", p.exitCriteria());
        return view;
    }

    private static void axis(List<String> parts, String name, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(name + " " + String.join(", ", values));
        }
    }
}
