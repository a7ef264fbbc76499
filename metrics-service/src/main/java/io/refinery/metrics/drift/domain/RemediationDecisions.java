package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.refinery.metrics.drift.remediation.ChosenRemediation;
import io.refinery.metrics.drift.remediation.RemediationAction;
import io.smallrye.mutiny.Uni;

/**
 * Records a reviewer's decision on a detection's DRIFT_REMEDIATION request: the outcome, who decided, why, and which
 * remediation was chosen ({@link ChosenRemediation}). Only the first decision on a detection counts. Recording a
 * retrain stays explicit ({@code POST /api/v1/drift/systems/{key}/retrains}): approving one is not doing one.
 */
@ApplicationScoped
public class RemediationDecisions {

    /** A decision as read from refinery.oversight.decisions. */
    public record Decision(UUID requestId, String outcome, String decidedBy, Instant decidedAt, String rationale,
            String modifiedAction) {
    }

    private static final Logger LOG = Logger.getLogger(RemediationDecisions.class);

    /** Runs inside the caller's transaction; false when no undecided detection of ours matches the request id. */
    public Uni<Boolean> record(Decision d) {
        return DriftDetection.<DriftDetection> find("oversightRequestId", d.requestId()).firstResult().map(detection -> {
            if (detection == null || detection.decision != null) {
                return false;
            }
            RemediationAction recommended = RemediationAction.valueOf(detection.action);
            RemediationAction chosen;
            try {
                chosen = ChosenRemediation.of(d.outcome(), recommended, d.modifiedAction());
            } catch (IllegalArgumentException e) {
                LOG.warnf("decision on drift detection %s names no known remediation (%s); keeping %s", detection.id,
                        d.modifiedAction(), recommended);
                chosen = recommended;
            }
            detection.decision = d.outcome();
            detection.decidedBy = d.decidedBy();
            detection.decidedAt = d.decidedAt();
            detection.rationale = d.rationale();
            detection.chosenAction = chosen == null ? null : chosen.name();
            return true;
        });
    }
}
