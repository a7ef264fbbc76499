package io.refinery.oversight.console.api;

import static io.refinery.oversight.OversightApi.ADMIN;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
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
 * Issue 18: the portfolio (every AI system with its health, experiment coverage and oversight load, by the attention
 * it needs) and the system page (registry, policy, relaxation track, pending reviews, timeline, the other services'
 * panels), fed through the public API and the other services' topics on the real broker.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsolePortfolioAndSystemPageTest {

    private static final ConsoleBrowser VICTOR = ConsoleBrowser.as("victor", "viewer");
    private static final Instant BASE = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Test
    void signedOutReadersAreSentToSignIn() {
        given().redirects().follow(false).get("/console/portfolio").then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
        given().redirects().follow(false).get("/console/systems/anything").then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
    }

    @Test
    void thePortfolioCountsAlertsDriftCoverageAndLoadAndPutsOverdueFirst() throws Exception {
        register("pf-busy", "LOW");
        pricingPolicy("pf-busy");
        register("pf-alerting", "LOW");
        register("pf-calm", "LOW");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        submit(INGEST, first, "pf-busy", 0.3, 100).statusCode(201);
        submit(INGEST, second, "pf-busy", 0.3, 200).statusCode(201);
        String bootstrap = RefineryTestResource.bootstrapServers();
        UUID open = UUID.randomUUID();
        UUID resolved = UUID.randomUUID();
        send(bootstrap, "refinery.metrics.alerts", fired("pf-busy", open, at(1)));
        send(bootstrap, "refinery.metrics.alerts", fired("pf-busy", resolved, at(2)));
        send(bootstrap, "refinery.metrics.alerts", resolvedEvent("pf-busy", resolved, at(5)));
        send(bootstrap, "refinery.metrics.drift", drift("pf-busy", at(3)));
        send(bootstrap, "refinery.experiments.lifecycle", gapOpened("pf-busy", at(4)));
        send(bootstrap, "refinery.metrics.alerts", fired("pf-alerting", UUID.randomUUID(), at(1)));
        send(bootstrap, "refinery.metrics.alerts", fired("pf-alerting", UUID.randomUUID(), at(2)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("from", BASE.toString()).queryParam("category", "ALERT,DRIFT,EXPERIMENT")
                .get("/api/v1/systems/pf-busy/timeline").then().statusCode(200).body("items.size()", equalTo(5)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", VIEWER)
                .queryParam("from", BASE.toString()).get("/api/v1/systems/pf-alerting/timeline").then().statusCode(200)
                .body("items.size()", equalTo(2)));

        String page = VICTOR.get("/console/portfolio").then().statusCode(200).extract().asString();
        String busy = row(page, "pf-busy");
        assertThat(count(busy, "open-alerts")).isEqualTo("1");
        assertThat(count(busy, "alerts-fired")).isEqualTo("2");
        assertThat(count(busy, "drift")).startsWith("1");
        assertThat(count(busy, "coverage")).contains("Gap open");
        assertThat(count(busy, "pending")).contains(">2</a>");
        assertThat(count(busy, "overdue")).isEqualTo("0");
        assertThat(busy).contains("href=\"/console/systems/pf-busy\"", "Dynamic pricing", "Pricing", "Low · Low · Low");
        assertThat(count(row(page, "pf-calm"), "coverage")).contains("No signal");
        assertThat(page.indexOf("data-system=\"pf-alerting\"")).as("two open alerts before one")
                .isLessThan(page.indexOf("data-system=\"pf-busy\""));
        assertThat(page.indexOf("data-system=\"pf-busy\"")).isLessThan(page.indexOf("data-system=\"pf-calm\""));
        assertThat(page).contains("<a href=\"/console/portfolio\" aria-current=\"page\">Portfolio</a>");

        // Past the 4 h SLA both requests are overdue: the system needs attention first.
        ShiftableClock.shift(Duration.ofHours(5));
        try {
            String late = VICTOR.get("/console/portfolio").then().statusCode(200).extract().asString();
            assertThat(count(row(late, "pf-busy"), "overdue")).contains(">2</strong>");
            assertThat(row(late, "pf-busy")).contains("Reviews overdue");
            assertThat(late.indexOf("data-system=\"pf-busy\"")).as("overdue before open alerts")
                    .isLessThan(late.indexOf("data-system=\"pf-alerting\""));
        } finally {
            ShiftableClock.reset();
        }

        // The system page: registry, policy, pending reviews, timeline newest first, the panels' notices.
        String system = VICTOR.get("/console/systems/pf-busy").then().statusCode(200).extract().asString();
        assertThat(system).contains("<h1>Dynamic pricing</h1>", "Financial impact", "Version 1", "PRICE_CHANGE",
                "magnitude &gt; 0.10", "Review and approval")
                .contains("href=\"/console/reviews/" + first + "\"", "href=\"/console/reviews/" + second + "\"")
                .contains("Coverage gap opened: no running experiment", "Alert on conversion_rate resolved",
                        "CRITICAL alert fired: conversion_rate below baseline for 5 consecutive period(s)")
                .contains("class=\"badge category-alert\"", "class=\"badge category-drift\"",
                        "class=\"badge category-experiment\"", "class=\"badge category-oversight\"")
                .contains("<time datetime=\"" + at(5).toString().replace("Z", "") )
                .contains("Key metric: conversion_rate", "metrics-service could not be reached",
                        "feedback-service could not be reached", "experiment-service could not be reached");
        assertThat(system.indexOf("Alert on conversion_rate resolved")).as("newest first")
                .isLessThan(system.indexOf("Coverage gap opened"));
        assertThat(system.indexOf("Coverage gap opened")).isLessThan(system.indexOf("Data drift"));
        assertThat(system).doesNotContain("name=\"outcome\"");
    }

    @Test
    void aSystemNameHoldingMarkupIsShownAsText() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("""
                {"key": "pf-xss", "name": "<script>alert(1)</script>", "kind": "CHATBOT", "ownerTeam": "<b>team</b>",
                 "riskProfile": {"brandImpact": "HIGH", "financialImpact": "LOW", "customerImpact": "MEDIUM"}}
                """).post("/api/v1/systems").then().statusCode(201);
        String portfolio = VICTOR.get("/console/portfolio").then().statusCode(200).extract().asString();
        assertThat(portfolio).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;team&lt;/b&gt;")
                .doesNotContain("<script>alert(1)</script>", "<b>team</b>");
        String page = VICTOR.get("/console/systems/pf-xss").then().statusCode(200).extract().asString();
        assertThat(page).contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Refinery</title>", "High", "Chatbot",
                "No policy yet", "Nothing of this system waits for a person", "No alert fired on this system")
                .doesNotContain("<script>alert(1)</script>", "<b>team</b>");
    }

    @Test
    void anUnknownSystemIsANotFoundPage() {
        VICTOR.get("/console/systems/pf-nobody").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("No such AI system"), containsString("Back to the portfolio"));
    }

    private static void send(String bootstrap, String topic, String event) throws Exception {
        TestTopics.sendCloudEvent(bootstrap, topic, subjectOf(event), event);
    }

    private static String subjectOf(String event) {
        Matcher m = Pattern.compile("\"subject\": \"([^\"]+)\"").matcher(event);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Instant at(int hours) {
        return BASE.plus(hours, ChronoUnit.HOURS);
    }

    private static String event(String system, String source, String type, Instant at, String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/%s", "type": "%s", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json", "data": %s}""".formatted(UUID.randomUUID(), source, type, system, at,
                data);
    }

    private static String fired(String system, UUID alertId, Instant at) {
        return event(system, "metrics-service", "io.refinery.metrics.alert.fired.v1", at, """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "segment": null, "severity": "CRITICAL",
                 "rule": {"ruleId": "%s", "comparison": "BELOW", "baseline": "TRAILING_MEAN", "tolerance": "0.1",
                          "period": "DAY", "consecutivePeriods": 5, "minSamplesPerPeriod": 100},
                 "consecutiveBreaches": 5,
                 "breachingPeriods": [{"start": "%s", "value": 0.021, "samples": 900, "baseline": 0.03, "threshold": 0.027,
                                       "verdict": "BREACH"}],
                 "skippedPeriods": [], "note": null, "firedAt": "%s", "oversightRequestId": null}"""
                .formatted(alertId, system, UUID.randomUUID(), at.minus(1, ChronoUnit.DAYS), at));
    }

    private static String resolvedEvent(String system, UUID alertId, Instant at) {
        return event(system, "metrics-service", "io.refinery.metrics.alert.resolved.v1", at, """
                {"alertId": "%s", "systemKey": "%s", "metric": "conversion_rate", "segment": null, "severity": "CRITICAL",
                 "ruleId": "%s", "resolvingPeriod": {"start": "%s", "value": 0.03, "samples": 900, "baseline": 0.03,
                                                     "threshold": 0.027, "verdict": "OK"},
                 "resolvedAt": "%s"}""".formatted(alertId, system, UUID.randomUUID(), at.minus(1, ChronoUnit.DAYS), at));
    }

    private static String drift(String system, Instant at) {
        return event(system, "metrics-service", "io.refinery.metrics.drift.detected.v1", at, """
                {"detectionId": "%s", "kind": "DATA", "systemKey": "%s", "monitorId": "%s", "monitorName": "inputs",
                 "runId": "%s", "windows": {"currentFrom": "%s", "currentTo": "%s", "referenceFrom": "%s", "referenceTo": "%s"},
                 "features": [{"feature": "price", "modelInput": true, "method": "KS", "statistic": 0.4, "pValue": 0.001,
                               "threshold": 0.05, "drifted": true, "meanShift": 0.3}],
                 "driftedShare": 1.0, "datasetDriftShare": 0.5, "concept": null,
                 "recommendation": {"action": "RETRAIN", "reasons": ["broad data drift"]},
                 "detectedAt": "%s", "oversightRequestId": "%s"}"""
                .formatted(UUID.randomUUID(), system, UUID.randomUUID(), UUID.randomUUID(), at.minus(1, ChronoUnit.DAYS), at,
                        at.minus(8, ChronoUnit.DAYS), at.minus(1, ChronoUnit.DAYS), at, UUID.randomUUID()));
    }

    private static String gapOpened(String system, Instant at) {
        return event(system, "experiment-service", "io.refinery.experiments.coverage.gap-opened.v1", at,
                "{\"systemKey\": \"%s\", \"openedAt\": \"%s\", \"closedAt\": null, \"experimentKey\": null}"
                        .formatted(system, at));
    }

    /** The portfolio's table row of one system. */
    private static String row(String page, String key) {
        int start = page.indexOf("data-system=\"" + key + "\"");
        assertThat(start).as("a row for " + key).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** The content of one count cell of a row. */
    private static String count(String row, String name) {
        Matcher m = Pattern.compile("data-count=\"" + name + "\">(.*?)</td>", Pattern.DOTALL).matcher(row);
        assertThat(m.find()).as(name + " in " + row).isTrue();
        return m.group(1).strip();
    }
}
