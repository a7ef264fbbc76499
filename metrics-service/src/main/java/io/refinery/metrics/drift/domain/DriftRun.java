package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One evaluation of a drift monitor, written by {@link DriftEvaluations} (JDBC) and read through Panache for the run
 * history. Windows are [from, to) at UTC midnights.
 */
@Entity
@Table(name = "drift_runs")
public class DriftRun extends PanacheEntityBase {

    public enum Trigger { SCHEDULED, ON_DEMAND }

    @Id
    public UUID id;
    @Column(name = "monitor_id", nullable = false)
    public UUID monitorId;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;
    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;
    @Column(name = "current_from", nullable = false)
    public Instant currentFrom;
    @Column(name = "current_to", nullable = false)
    public Instant currentTo;
    @Column(name = "reference_from", nullable = false)
    public Instant referenceFrom;
    @Column(name = "reference_to", nullable = false)
    public Instant referenceTo;
    @Column(name = "features_evaluated", nullable = false)
    public int featuresEvaluated;
    @Column(name = "features_drifted", nullable = false)
    public int featuresDrifted;
    /** Drifted over evaluated features; null when none could be evaluated. */
    @Column(name = "drifted_share")
    public Double driftedShare;
    @Column(name = "dataset_drift", nullable = false)
    public boolean datasetDrift;
    /** JSON list of {@link FeatureResult}, in the monitor's feature order. */
    @Column(nullable = false, columnDefinition = "text")
    public String features;
    @Column(name = "detection_id")
    public UUID detectionId;
    /** JSON {action, reasons} of the detection, when the run detected drift. */
    @Column(columnDefinition = "text")
    public String recommendation;
    /** JSON {@link MultivariateCheck} when the monitor runs the multivariate checks. */
    @Column(columnDefinition = "text")
    public String multivariate;
}
