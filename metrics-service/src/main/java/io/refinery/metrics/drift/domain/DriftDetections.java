package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.evaluation.MonitorWindows;
import io.refinery.metrics.drift.remediation.DriftEvidence;
import io.refinery.metrics.drift.remediation.DriftKind;
import io.refinery.metrics.drift.remediation.Recommendation;
import io.refinery.metrics.drift.remediation.RemediationAction;
import io.refinery.metrics.drift.remediation.RemediationRule;
import io.refinery.platform.events.DriftDetected;

/**
 * Records a drift detection inside the detecting JDBC transaction: asks {@link RemediationRule} for a recommendation,
 * stores the detection, and publishes the drift event and the DRIFT_REMEDIATION request through the outbox.
 *
 * <p>Evidence: DATA uses the run's evaluated features. CONCEPT uses the features of the system's latest run (of any
 * monitor), if any, and whether a retrain was recorded ({@code POST /api/v1/drift/systems/{key}/retrains}) after the
 * system's previous concept drift: concept drift again after a retrain recommends REVISE_ARCHITECTURE.
 */
@ApplicationScoped
public class DriftDetections {

    /** What was recorded. */
    public record Detected(UUID id, Recommendation recommendation) {
    }

    private static final String INSERT = "insert into metrics.drift_detections (id, system_key, kind, monitor_id, run_id,"
            + " detected_at, action, reasons, magnitude, event_id, oversight_request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)";
    private static final String RETRAINED_SINCE_PREVIOUS = "select exists (select 1 from metrics.drift_retrains r"
            + " where r.system_key = ? and r.at <= now() and r.at > (select max(d.detected_at)"
            + " from metrics.drift_detections d where d.system_key = ? and d.kind = 'CONCEPT'))";
    private static final String LATEST_RUN = "select features from metrics.drift_runs where system_key = ?"
            + " order by evaluated_at desc, id desc limit 1";
    private static final TypeReference<List<FeatureResult>> RESULTS = new TypeReference<>() {
    };

    private final DriftEvents events;
    private final ObjectMapper mapper;

    public DriftDetections(DriftEvents events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    /** A run of {@code monitor} found dataset drift. */
    Detected data(Connection c, DriftMonitor monitor, UUID runId, MonitorWindows windows,
            List<FeatureResult> results, double driftedShare, MultivariateCheck multivariate) throws SQLException {
        List<FeatureResult> evaluated = results.stream().filter(FeatureResult::evaluated).toList();
        Recommendation recommendation;
        if (evaluated.stream().anyMatch(FeatureResult::drifted)) {
            recommendation = RemediationRule.recommend(new DriftEvidence(DriftKind.DATA,
                    evaluated.stream().map(FeatureResult::toEvidence).toList(), false));
        } else {
            // Only the joint rows moved: the relationship between the inputs changed, which the model did not learn.
            recommendation = new Recommendation(RemediationAction.RETRAIN, List.of("no single feature drifted: the"
                    + " relationship between the features changed, and a model trained on the old one does not know the"
                    + " new one; retrain on recent data"));
        }
        if (multivariate != null && multivariate.drifted()) {
            List<String> reasons = new ArrayList<>();
            reasons.add(multivariate.reason());
            reasons.addAll(recommendation.reasons());
            recommendation = new Recommendation(recommendation.action(), reasons);
        }
        List<FeatureResult> drifted = evaluated.stream().filter(FeatureResult::drifted).toList();
        String summary = String.format(Locale.ROOT, "Data drift in %s (monitor '%s'): %d of %d features drifted (%s);"
                + "%s recommended: %s", monitor.systemKey, monitor.name, drifted.size(), evaluated.size(),
                String.join(", ", drifted.stream().map(FeatureResult::feature).toList()),
                multivariate != null && multivariate.drifted() ? " multivariate drift;" : "", recommendation.action());
        DriftDetected.Windows window = new DriftDetected.Windows(MonitorWindows.midnight(windows.currentFrom()),
                MonitorWindows.midnight(windows.currentTo()), MonitorWindows.midnight(windows.referenceFrom()),
                MonitorWindows.midnight(windows.referenceTo()));
        return record(c, DriftKind.DATA, monitor.systemKey, monitor.id, monitor.name, runId, window, evaluated,
                driftedShare, monitor.datasetDriftShare, null, recommendation, summary, driftedShare);
    }

    /** The system's concept-drift detector fired. */
    Detected concept(Connection c, String systemKey, ConceptDetectors.ConceptDetection detection) throws SQLException {
        boolean retrained;
        try (PreparedStatement q = c.prepareStatement(RETRAINED_SINCE_PREVIOUS)) {
            q.setString(1, systemKey);
            q.setString(2, systemKey);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                retrained = rs.getBoolean(1);
            }
        }
        List<FeatureResult> latest = List.of();
        try (PreparedStatement q = c.prepareStatement(LATEST_RUN)) {
            q.setString(1, systemKey);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    latest = read(rs.getString(1)).stream().filter(FeatureResult::evaluated).toList();
                }
            }
        }
        Recommendation recommendation = RemediationRule.recommend(new DriftEvidence(DriftKind.CONCEPT,
                latest.stream().map(FeatureResult::toEvidence).toList(), retrained));
        DriftDetected.Concept concept = new DriftDetected.Concept(detection.detector().name(), detection.updates(),
                detection.errorBefore(), detection.errorAfter());
        String summary = String.format(Locale.ROOT, "Concept drift in %s: prediction error rose %sto %.4f (%s);"
                + " recommended: %s", systemKey, detection.errorBefore() == null ? ""
                        : String.format(Locale.ROOT, "from %.4f ", detection.errorBefore()),
                detection.errorAfter(), detection.detector(), recommendation.action());
        return record(c, DriftKind.CONCEPT, systemKey, null, null, null, null, latest, null, null, concept,
                recommendation, summary, detection.magnitude());
    }

    private Detected record(Connection c, DriftKind kind, String systemKey, UUID monitorId, String monitorName,
            UUID runId, DriftDetected.Windows windows, List<FeatureResult> features, Double driftedShare,
            Double datasetDriftShare, DriftDetected.Concept concept, Recommendation recommendation, String summary,
            Double magnitude) throws SQLException {
        UUID id = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        Instant now = Instant.now();
        DriftDetected data = new DriftDetected(id, kind.name(), systemKey, monitorId, monitorName,
                runId, windows, features.stream().map(DriftDetections::view).toList(), driftedShare, datasetDriftShare,
                concept, new DriftDetected.RecommendationView(recommendation.action().name(), recommendation.reasons()),
                now, requestId);
        UUID eventId = events.detected(c, data, summary, magnitude);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, systemKey);
            insert.setString(3, kind.name());
            insert.setObject(4, monitorId);
            insert.setObject(5, runId);
            insert.setObject(6, now.atOffset(ZoneOffset.UTC));
            insert.setString(7, recommendation.action().name());
            insert.setString(8, json(recommendation.reasons()));
            insert.setObject(9, magnitude);
            insert.setObject(10, eventId);
            insert.setObject(11, requestId);
            insert.executeUpdate();
        }
        return new Detected(id, recommendation);
    }

    private static DriftDetected.FeatureView view(FeatureResult r) {
        return new DriftDetected.FeatureView(r.feature(), r.modelInput(), r.method() == null ? null : r.method().name(),
                r.statistic(), r.pValue(), r.threshold(), r.drifted(), r.meanShift());
    }

    List<FeatureResult> read(String json) {
        try {
            return mapper.readValue(json, RESULTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run features are unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
