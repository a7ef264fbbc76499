package io.refinery.oversight.console.api;

import static io.refinery.oversight.OversightApi.ALICE;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.decide;
import static io.refinery.oversight.OversightApi.pricingPolicy;
import static io.refinery.oversight.OversightApi.register;
import static io.refinery.oversight.OversightApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.oversight.clock.ShiftableClock;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;
import io.restassured.http.ContentType;

/**
 * The learnings page ("what do we tell strategy this quarter?"), fed like the report itself: the other services'
 * events on the real broker and reviews through the public API, all in 2025-Q2 (the reviews with the clock moved
 * back), a quarter no other test writes to, so its numbers are exactly the seeded ones.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleLearningsPageTest {

    private static final ConsoleBrowser VICTOR = ConsoleBrowser.as("victor", "viewer");
    private static final String QUARTER = "2025-Q2";
    private static final Instant BASE = Instant.parse("2025-05-01T00:00:00Z");
    private static final String RECS = "learn-recs";
    private static final String SEARCH = "learn-search";
    private static final String EVIL = "<script>alert(1)</script>";
    private static boolean seeded;

    @Test
    void aViewerSeesTheHeadlineNumbersChartsTableAndFindingsOfTheQuarter() throws Exception {
        seed();
        String page = VICTOR.get("/console/learnings?quarter=" + QUARTER).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("<h1>Learnings 2025-Q2</h1>", "2025-04-01 to 2025-06-30 (UTC)")
                .contains("<a href=\"/console/learnings\" aria-current=\"page\">Learnings</a>");

        assertThat(headline(page, "alerts-fired")).isEqualTo("3");
        assertThat(headline(page, "alerts-resolution")).isEqualTo("6 h");
        assertThat(headline(page, "drift")).isEqualTo("2");
        assertThat(headline(page, "experiments-concluded")).isEqualTo("3");
        assertThat(headline(page, "win-rate")).isEqualTo("33.3 %");
        assertThat(headline(page, "median-lift")).isEqualTo("+4.2 %");
        assertThat(headline(page, "inconclusive")).isEqualTo("33.3 %");
        assertThat(page).contains("0 started, 0 overdue; A/A tests: 1 concluded, 1 failed");
        assertThat(headline(page, "oversight-requests")).isEqualTo("3");
        assertThat(headline(page, "sla-breaches")).isEqualTo("0");
        assertThat(headline(page, "override-rate")).isEqualTo("50 %");
        assertThat(headline(page, "modification-rate")).isEqualTo("50 %");
        assertThat(headline(page, "relaxations")).isEqualTo("0");

        String tiers = figure(page, "chart-tiers");
        assertThat(tiers).contains("<svg", "role=\"img\"", "<title id=\"chart-tiers-title\">Oversight requests by tier</title>",
                ">Exception handling</text>", ">Review and approval</text>")
                .contains("Exception handling: 1; Review and approval: 2.");
        assertThat(values(tiers)).containsExactly("1", "2");
        assertThat(values(figure(page, "chart-outcomes"))).containsExactly("1", "1", "1");
        assertThat(figure(page, "chart-outcomes")).contains(">Shipped a variant</text>", ">Kept control</text>",
                ">Inconclusive</text>");
        String systems = figure(page, "chart-systems");
        assertThat(systems).contains(">" + RECS + "</text>", ">" + SEARCH + "</text>", "Alerts fired", "Drift detections")
                .contains(RECS + ": Alerts fired 2, Drift detections 2; " + SEARCH + ": Alerts fired 1, Drift detections 0.");
        assertThat(values(systems)).containsExactly("2", "2", "1", "0");
        String remediations = figure(page, "chart-remediations");
        assertThat(remediations).contains(">Adjust parameters</text>", ">Retrain</text>",
                "Adjust parameters: Recommended 0, Chosen by reviewers 1");

        String recs = row(page, RECS);
        assertThat(recs).contains("href=\"/console/systems/learn-recs\"", "<td class=\"num\">6 h</td>",
                "<td class=\"num\">+4.2 %</td>", "<td class=\"num\">50 %</td>");
        assertThat(cells(recs)).startsWith("2", "1", "6 h", "2", "3", "33.3 %", "+4.2 %", "33.3 %", "3", "0", "50 %", "50 %");
        assertThat(cells(row(page, SEARCH))).startsWith("1", "0", "—", "0", "0", "—", "—", "—", "0", "0", "—", "—");

        assertThat(page).contains("<h2 id=\"holdouts-title\">Holdouts: cumulative impact of what shipped</h2>");
        int holdout = page.indexOf("<tr data-holdout=\"learn-holdout\">");
        assertThat(holdout).as("a row for the holdout").isPositive();
        String holdoutRow = page.substring(holdout, page.indexOf("</tr>", holdout));
        assertThat(holdoutRow).contains("<th scope=\"row\">learn-holdout</th>");
        assertThat(cells(holdoutRow)).containsExactly("<a href=\"/console/systems/learn-recs\">learn-recs</a>",
                "conversion_rate", "5 %", "500 held out, 9,500 exposed", "+2.1 %", "+0.8 % to +3.4 %", "0.003",
                "Impact positive", "2: learn-exp-0:short, rollout:short-eu",
                "<time datetime=\"2025-05-03T00:00:00Z\">2025-05-03 00:00 UTC</time>", "Running");

        assertThat(page).contains("data-finding=\"REPEATED_DRIFT_WITHOUT_RETRAINING\"",
                "data-finding=\"STRONG_DISCOVERY_WEAK_CONVERSION\"", "data-finding=\"WEAK_DISCOVERY\"",
                "Evidence: 2 drift detections, 0 MODEL_VARIANT experiments started",
                "(<a href=\"/console/systems/learn-search\">learn-search</a>)");
        assertThat(page.indexOf("Capability gaps")).isLessThan(page.indexOf("Roadmap signals"));

        assertThat(page).contains("<a class=\"button\" href=\"/console/learnings.md?quarter=2025-Q2\" download>",
                "data-print hidden", "<script src=\"/console/assets/learnings.js\" defer></script>");
        given().get("/console/assets/learnings.js").then().statusCode(200).body(containsString("window.print()"));
    }

    @Test
    void theQuarterNavigationLinksThePreviousAndNextQuarterAndThePickerIsALabelledGetForm() throws Exception {
        seed();
        String page = VICTOR.get("/console/learnings?quarter=" + QUARTER).then().statusCode(200).extract().asString();
        assertThat(page).contains("href=\"/console/learnings?quarter=2025-Q1\"", "href=\"/console/learnings?quarter=2025-Q3\"")
                .contains("<form method=\"get\" action=\"/console/learnings\"", "<label for=\"learnings-quarter\">Quarter</label>",
                        "<select id=\"learnings-quarter\" name=\"quarter\">", "<option value=\"2025-Q2\" selected>");

        String first = VICTOR.get("/console/learnings?quarter=2025-Q1").then().statusCode(200).extract().asString();
        assertThat(first).contains("href=\"/console/learnings?quarter=2024-Q4\"", "href=\"/console/learnings?quarter=2025-Q2\"");

        String current = VICTOR.get("/console/learnings").then().statusCode(200).extract().asString();
        String quarter = currentQuarter();
        assertThat(current).contains("<h1>Learnings " + quarter + "</h1>", "<option value=\"" + quarter + "\" selected>");

        String blank = VICTOR.get("/console/learnings?quarter=").then().statusCode(200).extract().asString();
        assertThat(blank).contains("<h1>Learnings " + quarter + "</h1>");
    }

    @Test
    void aQuarterWithoutDataSaysSoAndWhatToDoNext() {
        String page = VICTOR.get("/console/learnings?quarter=2019-Q1").then().statusCode(200).extract().asString();
        assertThat(page).contains("Nothing to report for 2019-Q1", "Pick an earlier quarter", "href=\"/console/learnings?quarter=2018-Q4\"")
                .doesNotContain("<svg", "data-headline=");
        String future = VICTOR.get("/console/learnings?quarter=2099-Q1").then().statusCode(200).extract().asString();
        assertThat(future).contains("This period has not started yet");
    }

    @Test
    void aBadPeriodIsAnErrorPageSayingWhatIsWrong() {
        VICTOR.get("/console/learnings?quarter=2025-Q7").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Not a valid period"), containsString("quarter must look like 2026-Q4"),
                        containsString("href=\"/console/learnings\""))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        VICTOR.get("/console/learnings?quarter=2025-Q1&from=2025-01-01T00:00:00Z").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("give either quarter or from and to"));
        VICTOR.get("/console/learnings?from=yesterday&to=today").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("Not a valid period"));
        VICTOR.get("/console/learnings.md?quarter=nope").then().statusCode(400).contentType(containsString("text/html"));
    }

    @Test
    void signedOutReadersAreSentToSignIn() {
        given().redirects().follow(false).get("/console/learnings?quarter=2025-Q2").then().statusCode(303)
                .header("Location", containsString("/console/sign-in?next=%2Fconsole%2Flearnings%3Fquarter%3D2025-Q2"));
        given().redirects().follow(false).get("/console/learnings.md").then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
    }

    @Test
    void theMarkdownDownloadIsTheApisReport() throws Exception {
        seed();
        var response = VICTOR.get("/console/learnings.md?quarter=" + QUARTER).then().statusCode(200)
                .contentType(containsString("text/markdown"))
                .header("Content-Disposition", equalTo("attachment; filename=\"learnings-2025-Q2.md\"")).extract();
        String md = response.asString();
        assertThat(md).startsWith("# Learnings report 2025-Q2\n")
                .contains("| " + RECS + " | 2 | 1 | 1 | 6.0 | conversion_rate 2 |")
                .contains("## Capability gaps", "REPEATED_DRIFT_WITHOUT_RETRAINING");
        String api = given().header("Authorization", VIEWER).accept("text/markdown").queryParam("quarter", QUARTER)
                .get("/api/v1/reports/learnings").then().statusCode(200).extract().asString();
        assertThat(md).isEqualTo(api);
    }

    @Test
    void markupInEventDataIsShownAsText() throws Exception {
        seed();
        String page = VICTOR.get("/console/learnings?quarter=" + QUARTER).then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain(EVIL).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(figure(page, "chart-remediations")).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    /** Seeds 2025-Q2 once: events on the other services' topics and reviews made with the clock in that quarter. */
    private static synchronized void seed() throws Exception {
        if (seeded) {
            return;
        }
        String bootstrap = RefineryTestResource.bootstrapServers();
        UUID remediation = UUID.randomUUID();
        UUID resolvedAlert = UUID.randomUUID();
        send(bootstrap, "refinery.metrics.alerts", RECS, "metrics-service", "io.refinery.metrics.alert.fired.v1", at(1), """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "severity": "CRITICAL", "firedAt": "%s"}"""
                .formatted(resolvedAlert, RECS, at(1)));
        send(bootstrap, "refinery.metrics.alerts", RECS, "metrics-service", "io.refinery.metrics.alert.fired.v1", at(2), """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "severity": "WARNING", "firedAt": "%s"}"""
                .formatted(UUID.randomUUID(), RECS, at(2)));
        send(bootstrap, "refinery.metrics.alerts", RECS, "metrics-service", "io.refinery.metrics.alert.resolved.v1", at(7), """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "severity": "CRITICAL", "resolvedAt": "%s"}"""
                .formatted(resolvedAlert, RECS, at(7)));
        send(bootstrap, "refinery.metrics.alerts", SEARCH, "metrics-service", "io.refinery.metrics.alert.fired.v1", at(3), """
                {"alertId": "%s", "systemKey": "%s", "metric": "ctr", "severity": "WARNING", "firedAt": "%s"}"""
                .formatted(UUID.randomUUID(), SEARCH, at(3)));
        send(bootstrap, "refinery.metrics.drift", RECS, "metrics-service", "io.refinery.metrics.drift.detected.v1", at(4), """
                {"detectionId": "%s", "kind": "DATA", "systemKey": "%s", "monitorName": "inputs", "oversightRequestId": "%s",
                 "detectedAt": "%s", "features": [{"feature": "price", "drifted": true}],
                 "recommendation": {"action": "RETRAIN", "reasons": ["broad data drift"]}}"""
                .formatted(UUID.randomUUID(), RECS, remediation, at(4)));
        send(bootstrap, "refinery.metrics.drift", RECS, "metrics-service", "io.refinery.metrics.drift.detected.v1", at(5), """
                {"detectionId": "%s", "kind": "DATA", "systemKey": "%s", "monitorName": "inputs", "detectedAt": "%s",
                 "features": [{"feature": "basket", "drifted": true}],
                 "recommendation": {"action": "%s", "reasons": ["markup in the data"]}}"""
                .formatted(UUID.randomUUID(), RECS, at(5), EVIL.replace("\"", "\\\"")));
        String[][] conclusions = { { "SHIP:short", "0.042" }, { "KEEP_CONTROL", null }, { "INCONCLUSIVE", null } };
        for (int i = 0; i < conclusions.length; i++) {
            String lift = conclusions[i][1] == null ? ""
                    : ", \"evaluation\": {\"primaryMetric\": {\"comparisons\": [{\"variant\": \"short\", \"relativeLift\": "
                            + conclusions[i][1] + "}]}}";
            send(bootstrap, "refinery.experiments.lifecycle", RECS, "experiment-service",
                    "io.refinery.experiments.experiment.concluded.v1", at(10 + i),
                    "{\"experimentKey\": \"learn-exp-%d\", \"systemKey\": \"%s\", \"decision\": \"%s\"%s}"
                            .formatted(i, RECS, conclusions[i][0], lift));
        }
        // An A/A test whose start was not heard (known by its advice) and a holdout's reading: both apart.
        send(bootstrap, "refinery.experiments.lifecycle", RECS, "experiment-service",
                "io.refinery.experiments.experiment.concluded.v1", at(13),
                "{\"experimentKey\": \"learn-aa\", \"systemKey\": \"%s\", \"decision\": \"INCONCLUSIVE\", "
                        .formatted(RECS) + "\"evaluation\": {\"recommendation\": {\"advice\": \"AA_FAILED\"}}}");
        send(bootstrap, "refinery.experiments.lifecycle", RECS, "experiment-service",
                "io.refinery.experiments.holdout.measured.v1", at(48), """
                {"experimentId": "%s", "holdoutKey": "learn-holdout", "systemKey": "%s", "metric": "conversion_rate",
                 "share": 0.05, "heldOutUnits": 500, "exposedUnits": 9500, "relativeLift": 0.021, "ciLow": 0.008,
                 "ciHigh": 0.034, "pValue": 0.003, "advice": "IMPACT_POSITIVE",
                 "shipped": ["learn-exp-0:short", "rollout:short-eu"], "startedAt": "%s", "measuredAt": "%s",
                 "finalReading": false}""".formatted(UUID.randomUUID(), RECS, BASE, at(48)));

        // The reviews, made while the clock reads 2025-05-02: the drift's remediation (modified), a rejected price
        // change and an auto-approved small one.
        ShiftableClock.shift(Duration.between(Instant.now(), BASE.plus(1, ChronoUnit.DAYS)));
        try {
            register(RECS, "MEDIUM");
            register(SEARCH, "LOW");
            given().header("Authorization", INGEST).contentType(ContentType.JSON).body("""
                    {"id": "%s", "systemKey": "%s", "actionType": "DRIFT_REMEDIATION", "summary": "Data drift on inputs: retrain",
                     "payload": {"action": "RETRAIN"}, "magnitude": 0.5}""".formatted(remediation, RECS))
                    .post("/api/v1/reviews").then().statusCode(201);
            given().header("Authorization", ALICE).contentType(ContentType.JSON).body("""
                    {"outcome": "MODIFY", "rationale": "recalibrate first", "modifications": {"action": "ADJUST_PARAMETERS"}}""")
                    .post("/api/v1/reviews/" + remediation + "/decision").then().statusCode(200);
            pricingPolicy(RECS);
            UUID rejected = UUID.randomUUID();
            submit(INGEST, rejected, RECS, 0.3, 100).statusCode(201);
            decide(ALICE, rejected, "REJECT").statusCode(200);
            submit(INGEST, UUID.randomUUID(), RECS, 0.05, 100).statusCode(201);
        } finally {
            ShiftableClock.reset();
        }

        String own = "systems.find { it.systemKey == '" + RECS + "' }.numbers.";
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("quarter", QUARTER).get("/api/v1/reports/learnings").then().statusCode(200)
                .body("overall.alerts.fired", equalTo(3)).body("overall.alerts.resolved", equalTo(1))
                .body("overall.drift.detections", equalTo(2)).body("overall.experiments.concluded", equalTo(3))
                .body("overall.experiments.aaTestsFailed", equalTo(1)).body("overall.holdouts.readings.size()", equalTo(1))
                .body(own + "oversight.requests", equalTo(3)));
        seeded = true;
    }

    private static void send(String bootstrap, String topic, String system, String source, String type, Instant at,
            String data) throws Exception {
        TestTopics.sendCloudEvent(bootstrap, topic, system, """
                {"specversion": "1.0", "id": "%s", "source": "/%s", "type": "%s", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json", "data": %s}""".formatted(UUID.randomUUID(), source, type, system, at,
                data));
    }

    private static Instant at(int hours) {
        return BASE.plus(hours, ChronoUnit.HOURS);
    }

    private static String currentQuarter() {
        var day = java.time.LocalDate.ofInstant(Instant.now(), java.time.ZoneOffset.UTC);
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    /** The value of one headline number. */
    private static String headline(String page, String key) {
        Matcher m = Pattern.compile("data-headline=\"" + key + "\">.*?<span class=\"headline-value\">(.*?)</span>",
                Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("headline " + key).isTrue();
        return m.group(1).strip();
    }

    /** One chart's figure. */
    private static String figure(String page, String id) {
        int start = page.indexOf("<figure class=\"chart-figure learnings-chart\" id=\"" + id + "\">");
        assertThat(start).as("a figure " + id).isPositive();
        return page.substring(start, page.indexOf("</figure>", start));
    }

    /** The values written on a chart's bars, top to bottom. */
    private static java.util.List<String> values(String svg) {
        Matcher m = Pattern.compile("<text class=\"value\"[^>]*>([^<]*)</text>").matcher(svg);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The table row of one system. */
    private static String row(String page, String key) {
        int start = page.indexOf("<tr data-system=\"" + key + "\">");
        assertThat(start).as("a row for " + key).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static java.util.List<String> cells(String row) {
        Matcher m = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }
}
