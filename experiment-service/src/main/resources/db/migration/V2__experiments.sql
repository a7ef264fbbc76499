-- Experiments (issue 6): design, computed sample size, lifecycle DRAFT -> RUNNING -> STOPPED -> CONCLUDED.
create table experiments (
    id                         uuid        primary key,
    key                        text        not null unique,
    system_key                 text        not null,
    kind                       text        not null,
    hypothesis                 text        not null,
    unit_type                  text        not null,
    traffic_fraction           double precision not null,
    -- JSON documents of the design (records in io.refinery.experiments.analysis), read and written whole.
    variants                   text        not null,
    primary_metric             text        not null,
    guardrails                 text        not null,
    alpha                      double precision not null,
    power                      double precision not null,
    analysis                   text        not null,
    correction                 text        not null,
    max_duration               text        not null,
    expected_daily_units       double precision,
    required_units_per_variant bigint      not null,
    required_days              bigint,
    warnings                   text        not null,
    state                      text        not null,
    started_at                 timestamptz,
    ends_at                    timestamptz,
    stopped_at                 timestamptz,
    stop_trigger               text,
    stop_reason                text,
    concluded_at               timestamptz,
    concluded_by               text,
    decision                   text,
    decision_rationale         text,
    -- The scheduler's next look at a RUNNING or STOPPED experiment (claimed with FOR UPDATE SKIP LOCKED).
    next_check_at              timestamptz,
    overdue_at                 timestamptz,
    -- The previous always-valid look per treatment (SEQUENTIAL): {variant: {pValue, lower, upper}}.
    sequential_state           text,
    last_evaluation            text,
    last_evaluated_at          timestamptz,
    rollout_request_id         uuid,
    rollout_decision           text,
    rollout_decided_by         text,
    rollout_decided_at         timestamptz,
    created_at                 timestamptz not null,
    created_by                 text        not null,
    updated_at                 timestamptz not null,
    updated_by                 text        not null
);
create index experiments_system_state on experiments (system_key, state);
create index experiments_due on experiments (next_check_at) where state in ('RUNNING', 'STOPPED');
create index experiments_rollout_request on experiments (rollout_request_id) where rollout_request_id is not null;
