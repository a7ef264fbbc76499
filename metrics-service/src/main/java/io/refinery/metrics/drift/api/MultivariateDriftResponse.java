package io.refinery.metrics.drift.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.stats.DomainClassifierDrift;
import io.refinery.metrics.drift.stats.ReconstructionDrift;

/**
 * The answer of {@code POST /api/v1/drift/multivariate}: the data-reconstruction check (the reference band and each
 * period's error) and, per period, the domain classifier.
 */
@Schema(name = "MultivariateDrift")
public record MultivariateDriftResponse(ReconstructionDrift.Result reconstruction,
        List<PeriodClassifier> domainClassifier) {

    /** One period's domain classifier against the reference. */
    @Schema(name = "MultivariateDriftClassifier")
    public record PeriodClassifier(String label, DomainClassifierDrift.Result result) {
    }
}
