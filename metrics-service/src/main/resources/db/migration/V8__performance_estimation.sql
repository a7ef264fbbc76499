-- Issue 22: estimated model performance before the labels arrive (confidence-based performance estimation, CBPE).

-- The prediction stream is the drift sample ledger (a score in prediction_number, the outcome once known); the
-- estimator reads one system's days from it.
create index drift_samples_system_observed on drift_samples (system_key, observed_at);

-- One estimator per system: its settings and what was fitted on the labelled reference period (calibration map,
-- calibration check, sampling-error components, reference ranges), as JSON in model.
create table performance_estimators (
    system_key                    text             primary key,
    reference_from                timestamptz      not null,
    reference_to                  timestamptz      not null,
    threshold                     double precision not null check (threshold > 0 and threshold < 1),
    positive_label                text             not null,
    calibration_method            text             not null check (calibration_method in ('ISOTONIC', 'PLATT', 'NONE')),
    realized_from_labelled_share  double precision not null
        check (realized_from_labelled_share > 0 and realized_from_labelled_share <= 1),
    model                         text             not null,
    fitted_at                     timestamptz      not null,
    next_estimation_at            timestamptz      not null,
    last_estimated_at             timestamptz,
    created_at                    timestamptz      not null,
    created_by                    text             not null,
    updated_at                    timestamptz      not null,
    updated_by                    text             not null
);
create index performance_estimators_due on performance_estimators (next_estimation_at);

-- Per system, UTC day and metric: the estimate with its sampling error, the realized value once labels are in, and
-- the day's fingerprint (predictions, labelled, last received) that tells the job whether to estimate it again.
create table performance_estimates (
    system_key        text             not null references performance_estimators (system_key) on delete cascade,
    day               date             not null,
    metric            text             not null,
    predictions       bigint           not null,
    labelled          bigint           not null,
    last_received_at  timestamptz      not null,
    estimated         double precision,
    sampling_error    double precision,
    realized          double precision,
    computed_at       timestamptz      not null,
    primary key (system_key, day, metric)
);

-- Threshold rules on estimated metrics; the alerts they raise say whether their values were estimates.
alter table rules add column source text not null default 'OBSERVED' check (source in ('OBSERVED', 'ESTIMATED'));
alter table alerts add column value_source text not null default 'OBSERVED'
    check (value_source in ('OBSERVED', 'ESTIMATED', 'REALIZED'));
