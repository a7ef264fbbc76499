-- Data drift and concept drift (issue 5).

-- Monitors: which features of a system to compare, against what reference window, over what current window. Windows
-- are whole UTC days. The reference is fixed ([reference_from, reference_to)) or trailing: the reference_trailing_days
-- before a gap of reference_lag_days before the current window.
create table drift_monitors (
    id                       uuid primary key,
    system_key               text             not null,
    name                     text             not null,
    features                 text             not null, -- JSON [{name, type, modelInput}]
    reference_from           timestamptz,
    reference_to             timestamptz,
    reference_trailing_days  integer,
    reference_lag_days       integer,
    current_days             integer          not null check (current_days > 0),
    method                   text             not null,
    dataset_drift_share      double precision not null check (dataset_drift_share > 0 and dataset_drift_share <= 1),
    next_evaluation_at       timestamptz      not null,
    last_evaluated_at        timestamptz,
    deleted_at               timestamptz,
    created_at               timestamptz      not null,
    created_by               text             not null,
    updated_at               timestamptz      not null,
    updated_by               text             not null,
    check ((reference_from is not null and reference_to is not null and reference_trailing_days is null
            and reference_lag_days is null)
        or (reference_from is null and reference_to is null and reference_trailing_days > 0 and reference_lag_days >= 0))
);
create index drift_monitors_due on drift_monitors (next_evaluation_at) where deleted_at is null;
create index drift_monitors_system on drift_monitors (system_key) where deleted_at is null;

-- The sample ledger: one row per (system, sample id) for as long as samples of its age are accepted. It makes
-- ingestion idempotent (features count once) and holds the prediction until its outcome arrives; error is set once,
-- when both are known, and that is the one time the sample feeds the system's concept-drift detector.
create table drift_samples (
    system_key        text             not null,
    id                text             not null,
    observed_at       timestamptz      not null,
    prediction_number double precision,
    prediction_label  text,
    outcome_number    double precision,
    outcome_label     text,
    error             double precision,
    received_at       timestamptz      not null,
    primary key (system_key, id)
);
create index drift_samples_observed_brin on drift_samples using brin (observed_at);

-- What the windows need, per system, feature and UTC day, in bounded space: a bottom-k uniform sample of the
-- numerical values (seen values offered, reservoir up to k pairs of 8-byte priority and 8-byte value) and exact
-- counts of the categorical ones (JSON {label: count}, capped in distinct labels; labelled values counted).
create table drift_feature_days (
    system_key  text        not null,
    feature     text        not null,
    day         date        not null,
    seen        bigint      not null,
    reservoir   bytea       not null,
    labelled    bigint      not null,
    categories  text        not null,
    updated_at  timestamptz not null,
    primary key (system_key, feature, day)
);

-- One evaluation of a monitor: windows, the per-feature results (JSON) and whether the dataset drifted.
create table drift_runs (
    id                  uuid primary key,
    monitor_id          uuid             not null references drift_monitors (id),
    system_key          text             not null,
    trigger             text             not null check (trigger in ('SCHEDULED', 'ON_DEMAND')),
    evaluated_at        timestamptz      not null,
    current_from        timestamptz      not null,
    current_to          timestamptz      not null,
    reference_from      timestamptz      not null,
    reference_to        timestamptz      not null,
    features_evaluated  integer          not null,
    features_drifted    integer          not null,
    drifted_share       double precision,
    dataset_drift       boolean          not null,
    features            text             not null, -- JSON [FeatureResult]
    detection_id        uuid,
    recommendation      text                       -- JSON {action, reasons} when the run detected drift
);
create index drift_runs_monitor on drift_runs (monitor_id, evaluated_at desc, id desc);
create index drift_runs_system on drift_runs (system_key, evaluated_at desc, id desc);

-- The latest statistic per system and feature, for the refinery_drift_score gauge.
create table drift_scores (
    system_key    text             not null,
    feature       text             not null,
    method        text             not null,
    statistic     double precision not null,
    run_id        uuid             not null,
    evaluated_at  timestamptz      not null,
    primary key (system_key, feature)
);

-- Every drift detected: DATA from a run with dataset drift, CONCEPT from a system's detector. Each published
-- io.refinery.metrics.drift.detected.v1 and a DRIFT_REMEDIATION oversight request in the same transaction.
create table drift_detections (
    id                    uuid primary key,
    system_key            text        not null,
    kind                  text        not null check (kind in ('DATA', 'CONCEPT')),
    monitor_id            uuid,
    run_id                uuid,
    detected_at           timestamptz not null,
    action                text        not null,
    reasons               text        not null, -- JSON [string]
    magnitude             double precision,
    event_id              uuid        not null,
    oversight_request_id  uuid        not null unique
);
create index drift_detections_system on drift_detections (system_key, kind, detected_at desc);

-- Per system, the concept-drift detector over prediction errors and its whole state (JSON of the state record).
-- last_detection_update: the error count at its last signal, reported or not (detections cluster around a change, so
-- one within the cooldown after the previous one is not reported again).
create table drift_detectors (
    system_key             text primary key,
    detector               text        not null check (detector in ('ADWIN', 'PAGE_HINKLEY')),
    parameters             text        not null,
    state                  text        not null,
    updates                bigint      not null,
    last_detection_update  bigint,
    updated_at   timestamptz not null,
    updated_by   text        not null
);

-- Retrains of a system's model, recorded by operators: concept drift after one means the retrain did not hold.
create table drift_retrains (
    id           uuid primary key,
    system_key   text        not null,
    at           timestamptz not null,
    note         text,
    recorded_by  text        not null,
    recorded_at  timestamptz not null
);
create index drift_retrains_system on drift_retrains (system_key, at);
