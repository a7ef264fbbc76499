package io.refinery.oversight.evidence.domain;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the evidence bundle reads the other services, and how long it waits. */
@ConfigMapping(prefix = "refinery.evidence")
public interface EvidenceConfig {

    /** Base URL of metrics-service. */
    @WithDefault("http://metrics:8081")
    String metricsUrl();

    /** Base URL of experiment-service. */
    @WithDefault("http://experiments:8082")
    String experimentsUrl();

    /** Base URL of feedback-service. */
    @WithDefault("http://feedback:8083")
    String feedbackUrl();

    /** How far back the metric series goes from the day after the review was created. */
    @WithDefault("P14D")
    Duration seriesBefore();

    /** The feedback period whose top themes are shown: this long up to the review's creation. */
    @WithDefault("P7D")
    Duration feedbackPeriod();

    /** Per call; a slower answer is reported as unavailable. */
    @WithDefault("2s")
    Duration timeout();

    /**
     * The service token sent as {@code Authorization: Bearer ...} (a JWT with the viewer role, signed by the
     * platform's issuer). In Kubernetes it comes from a Secret as env REFINERY_EVIDENCE_TOKEN; without it the calls
     * go unauthenticated and will usually come back as unavailable (401).
     */
    Optional<String> token();
}
