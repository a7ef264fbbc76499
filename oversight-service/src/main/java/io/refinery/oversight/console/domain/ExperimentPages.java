package io.refinery.oversight.console.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.refinery.oversight.console.charts.ForestPlot;
import io.refinery.oversight.evidence.domain.EvidenceBundle;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * Loads the experiment page from experiment-service through the evidence bundle ({@link EvidenceBundle#experiment},
 * with its timeout and token): the experiment ({@code GET /api/v1/experiments/{key}}) and its results
 * ({@code GET /api/v1/experiments/{key}/results}). An experiment that service does not know is a 404 problem; a
 * service that does not answer is a notice on the page.
 */
@ApplicationScoped
public class ExperimentPages {

    static final String SOURCE = "experiment-service";

    private final EvidenceBundle evidence;
    private final Clock clock;

    public ExperimentPages(EvidenceBundle evidence, Clock clock) {
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The page; a 404 problem when experiment-service answers that it does not know {@code key}. */
    public Uni<ExperimentPage> load(String key, ConsoleFrame frame) {
        return evidence.experiment(key).map(parts -> {
            Map<String, EvidenceBundle.Part> byName = new HashMap<>();
            parts.forEach(p -> byName.put(p.name(), p));
            EvidenceBundle.Part experiment = byName.get("experiment");
            EvidenceBundle.Part results = byName.get("experimentResults");
            if (experiment != null && "HTTP 404".equals(experiment.reason())) {
                throw new NotFoundProblem("experiment-service knows no experiment " + key);
            }
            return of(frame, key, data(experiment), data(results), reason(experiment, results), clock.instant());
        });
    }

    private static JsonNode data(EvidenceBundle.Part part) {
        return part != null && "AVAILABLE".equals(part.status()) ? part.data() : null;
    }

    private static String reason(EvidenceBundle.Part experiment, EvidenceBundle.Part results) {
        for (EvidenceBundle.Part p : new EvidenceBundle.Part[] { experiment, results }) {
            if (p != null && !"AVAILABLE".equals(p.status())) {
                return p.reason();
            }
        }
        return null;
    }

    /**
     * The page from experiment-service's answers: {@code experiment} (the experiment, or null) and {@code results}
     * (its results response, or null when it could not be read, then {@code reason} says why).
     */
    public static ExperimentPage of(ConsoleFrame frame, String key, JsonNode experiment, JsonNode results, String reason,
            Instant now) {
        JsonNode e = experiment == null ? MissingNode.getInstance() : experiment;
        JsonNode r = results == null ? MissingNode.getInstance() : results;
        String state = firstText(r, e, "state");
        String systemKey = firstText(r, e, "systemKey");
        Instant started = instant(firstText(r, e, "startedAt"));
        Instant ends = instant(firstText(r, e, "endsAt"));
        String hypothesis = text(e, "hypothesis");
        String analysis = firstText(r, e, "analysis");
        ExperimentPage.ProgressBar time = time(started, ends, text(e, "maxDuration"), now);
        if (results == null) {
            String notice = SOURCE + " could not give the results of this experiment (" + (reason == null ? "no answer" : reason)
                    + (experiment != null && "DRAFT".equals(state) ? "; a draft has no results until it is started" : "")
                    + "). Reload to try again.";
            return new ExperimentPage(frame, key, notice, systemKey, state, hypothesis, analysis, Stamp.of(started),
                    Stamp.of(ends), null, text(e.path("primaryMetric"), "name"), List.of(), null, null, false, List.of(),
                    List.of(), time, null, List.of(), null);
        }
        boolean bayesian = "BAYESIAN".equals(analysis);
        Map<String, JsonNode> comparisons = new HashMap<>();
        List<ForestPlot.Row> forest = new ArrayList<>();
        for (JsonNode c : r.path("primaryMetric").path("comparisons")) {
            comparisons.put(c.path("variant").asText(), c);
        }
        List<ExperimentPage.VariantRow> rows = new ArrayList<>();
        long required = r.path("progress").path("requiredUnitsPerVariant").asLong(e.path("requiredUnitsPerVariant").asLong());
        List<ExperimentPage.ProgressBar> samples = new ArrayList<>();
        for (JsonNode v : r.path("variants")) {
            String name = v.path("variant").asText();
            boolean control = v.path("control").asBoolean();
            long units = v.path("units").asLong();
            String mean = number(v.path("mean"));
            if (control) {
                rows.add(new ExperimentPage.VariantRow(name, true, count(units), mean, "control", "", "", ""));
            } else {
                JsonNode c = comparisons.getOrDefault(name, MissingNode.getInstance());
                JsonNode lift = c.path("relativeLift");
                JsonNode ci = c.path("confidenceInterval");
                String interval = ci.isObject() ? "[" + ForestPlot.percent(ci.path("lower").asDouble()) + ", "
                        + ForestPlot.percent(ci.path("upper").asDouble()) + "]" : "—";
                if (lift.isNumber() && ci.isObject()) {
                    forest.add(new ForestPlot.Row(name, lift.asDouble(), ci.path("lower").asDouble(), ci.path("upper").asDouble()));
                }
                String significance = bayesian ? "chance to beat control " + percent(c.path("chanceToBeatControl"))
                        : "p = " + number(c.path("pValue")) + (c.path("adjustedPValue").isNumber()
                                ? " (adjusted " + number(c.path("adjustedPValue")) + ")" : "");
                String verdict = c.path("better").asBoolean() ? "better" : c.path("worse").asBoolean() ? "worse"
                        : text(c, "message") != null ? text(c, "message") : "not conclusive yet";
                rows.add(new ExperimentPage.VariantRow(name, false, count(units), mean,
                        lift.isNumber() ? ForestPlot.percent(lift.asDouble()) : "—", interval, significance, verdict));
            }
            samples.add(bar(name, units, required));
        }
        JsonNode srm = r.path("srm");
        boolean mismatch = srm.path("mismatch").asBoolean(false);
        String srmText = srm.path("pValue").isNumber()
                ? (mismatch ? "Sample ratio mismatch: " : "No sample ratio mismatch: ") + "p = " + number(srm.path("pValue"))
                        + " for units " + join(srm.path("observed")) + " against weights " + join(srm.path("expectedWeights"))
                        + (mismatch ? ". The split is off; do not trust the lifts until the assignment is fixed." : ".")
                : "Not checked yet" + (srm.path("status").isTextual() ? " (" + srm.path("status").asText() + ")" : "") + ".";
        List<ExperimentPage.GuardrailRow> guardrails = new ArrayList<>();
        for (JsonNode g : r.path("guardrails")) {
            String status = g.path("status").asText("NO_DATA");
            List<String> details = new ArrayList<>();
            for (JsonNode gc : g.path("comparisons")) {
                details.add(gc.path("variant").asText() + " " + (gc.path("relativeLift").isNumber()
                        ? ForestPlot.percent(gc.path("relativeLift").asDouble()) : "—")
                        + (gc.path("confidenceInterval").isObject() ? " [" + ForestPlot.percent(gc.path("confidenceInterval")
                                .path("lower").asDouble()) + ", " + ForestPlot.percent(gc.path("confidenceInterval").path("upper")
                                        .asDouble()) + "]" : ""));
            }
            guardrails.add(new ExperimentPage.GuardrailRow(g.path("name").asText(), status,
                    status.toLowerCase(Locale.ROOT).replace('_', '-'), "at most " + ForestPlot.percent(g.path("maxRegression")
                            .asDouble()).replace("+", "") + " regression " + g.path("direction").asText("").toLowerCase(Locale.ROOT)
                            + (details.isEmpty() ? "" : "; " + String.join("; ", details))));
        }
        JsonNode rec = r.path("recommendation");
        List<String> reasons = new ArrayList<>();
        rec.path("reasons").forEach(x -> reasons.add(x.asText()));
        String metric = text(r.path("primaryMetric"), "name");
        ExperimentPage.ForestChart chart = new ExperimentPage.ForestChart(new ForestPlot("forest-" + key,
                "Relative lift of " + (metric == null ? "the primary metric" : metric) + " against control", forest).render(),
                "Dot: the estimated relative lift of each treatment; bar: its " + (bayesian ? "credible" : "confidence")
                        + " interval; vertical line: no change. A bar entirely right of the line is a lift, one crossing it"
                        + " is not conclusive");
        return new ExperimentPage(frame, key, null, systemKey, state, hypothesis, analysis, Stamp.of(started), Stamp.of(ends),
                Stamp.of(instant(text(r, "computedAt"))), metric, List.copyOf(rows), chart, srmText, mismatch,
                List.copyOf(guardrails), List.copyOf(samples), time, text(rec, "decision"), List.copyOf(reasons),
                advice(rec));
    }

    /** The advice in words, with the power reached when the results give it (null without an advice). */
    static String advice(JsonNode recommendation) {
        String advice = text(recommendation, "advice");
        if (advice == null) {
            return null;
        }
        String words = switch (advice) {
            case "SHIP" -> "Ship it";
            case "DONT_SHIP" -> "Don't ship";
            case "KEEP_RUNNING" -> "Keep running";
            case "AA_PASSED" -> "A/A test passed: the setup can be trusted";
            case "AA_FAILED" -> "A/A test failed: check the assignment, logging and metric";
            default -> "Inconclusive";
        };
        JsonNode power = recommendation.path("power");
        return power.isNumber() ? words + " (power to detect the planned effect: "
                + Math.round(power.asDouble() * 100) + " %)" : words;
    }

    private static ExperimentPage.ProgressBar bar(String name, long units, long required) {
        if (required <= 0) {
            return new ExperimentPage.ProgressBar(name, 0, count(units) + " units; no planned size");
        }
        int pct = (int) Math.min(100, Math.round(units * 100.0 / required));
        return new ExperimentPage.ProgressBar(name, pct, count(units) + " of " + count(required) + " units (" + pct + " %)");
    }

    private static ExperimentPage.ProgressBar time(Instant started, Instant ends, String maxDuration, Instant now) {
        if (started == null || ends == null || !ends.isAfter(started)) {
            return new ExperimentPage.ProgressBar("time", 0, started == null ? "Not started yet"
                    + (maxDuration == null ? "" : "; runs at most " + maxDuration) : "No end set");
        }
        long total = Duration.between(started, ends).toHours();
        long done = Math.max(0, Math.min(total, Duration.between(started, now).toHours()));
        int pct = total == 0 ? 100 : (int) Math.round(done * 100.0 / total);
        return new ExperimentPage.ProgressBar("time", pct, "day " + done / 24 + " of " + total / 24 + " (" + pct + " %)");
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isIntegralNumber() ? count(v.asLong()) : number(v)));
        return String.join(" / ", out);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String number(JsonNode v) {
        if (!v.isNumber()) {
            return "—";
        }
        double d = v.asDouble();
        if (d != 0 && Math.abs(d) < 0.0001) {
            return "< 0.0001";
        }
        return new BigDecimal(d).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String percent(JsonNode v) {
        return v.isNumber() ? new BigDecimal(v.asDouble() * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString()
                + " %" : "—";
    }

    private static String firstText(JsonNode a, JsonNode b, String field) {
        String v = text(a, field);
        return v != null ? v : text(b, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
