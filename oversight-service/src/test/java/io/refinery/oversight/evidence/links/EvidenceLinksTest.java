package io.refinery.oversight.evidence.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EvidenceLinksTest {

    private static final EvidenceLinks.Bases BASES = new EvidenceLinks.Bases("http://metrics:8081/", "http://experiments:8082",
            "https://feedback.example.org/base//", Duration.ofDays(14), Duration.ofDays(7));
    private static final Instant CREATED = Instant.parse("2026-11-20T10:15:30.123456Z");

    private static List<String> urls(EvidenceLinks.Subject s) {
        return EvidenceLinks.of(BASES, s).stream().map(l -> l.name() + " " + l.url()).toList();
    }

    @Test
    void anAlertReviewReadsTheAlertItsSeriesDriftThemesAndExperiments() {
        assertThat(urls(new EvidenceLinks.Subject("checkout-reco", CREATED, "5f1c0b9e-0000-4000-8000-000000000001",
                "conversion_rate", null, "OBSERVED"))).containsExactly(
                        "alert http://metrics:8081/api/v1/alerts/5f1c0b9e-0000-4000-8000-000000000001",
                        "metricSeries http://metrics:8081/api/v1/systems/checkout-reco/metrics/conversion_rate/series"
                                + "?from=2026-11-07T00%3A00%3A00Z&to=2026-11-21T00%3A00%3A00Z",
                        "latestDrift http://metrics:8081/api/v1/drift/runs?systemKey=checkout-reco&limit=1",
                        "feedbackThemes https://feedback.example.org/base/api/v1/systems/checkout-reco/feedback/summary"
                                + "?from=2026-11-13T10%3A15%3A30Z&to=2026-11-20T10%3A15%3A31Z",
                        "feedbackExamples https://feedback.example.org/base/api/v1/feedback?systemKey=checkout-reco"
                                + "&from=2026-11-13T10%3A15%3A30Z&to=2026-11-20T10%3A15%3A31Z&limit=200",
                        "runningExperiments http://experiments:8082/api/v1/experiments?systemKey=checkout-reco&state=RUNNING");
    }

    @Test
    void aRolloutReviewAlsoReadsItsExperimentsResults() {
        assertThat(urls(new EvidenceLinks.Subject("search-ranker", CREATED, null, null, "ranker v2/holiday", null)))
                .containsExactly(
                        "latestDrift http://metrics:8081/api/v1/drift/runs?systemKey=search-ranker&limit=1",
                        "feedbackThemes https://feedback.example.org/base/api/v1/systems/search-ranker/feedback/summary"
                                + "?from=2026-11-13T10%3A15%3A30Z&to=2026-11-20T10%3A15%3A31Z",
                        "feedbackExamples https://feedback.example.org/base/api/v1/feedback?systemKey=search-ranker"
                                + "&from=2026-11-13T10%3A15%3A30Z&to=2026-11-20T10%3A15%3A31Z&limit=200",
                        "runningExperiments http://experiments:8082/api/v1/experiments?systemKey=search-ranker&state=RUNNING",
                        "experimentResults http://experiments:8082/api/v1/experiments/ranker%20v2%2Fholiday/results");
    }

    @Test
    void anAlertOnEstimatedPerformanceReadsTheEstimatorsDays() {
        assertThat(urls(new EvidenceLinks.Subject("loans", CREATED, "5f1c0b9e-0000-4000-8000-000000000002", "accuracy",
                null, "ESTIMATED")).get(1)).isEqualTo("metricSeries http://metrics:8081/api/v1/performance/estimators/loans/days"
                        + "?from=2026-11-07&to=2026-11-20&metric=accuracy");
    }

    @Test
    void pathSegmentsAreEncoded() {
        assertThat(EvidenceLinks.enc("a b+c/d?e")).isEqualTo("a%20b%2Bc%2Fd%3Fe");
    }
}
