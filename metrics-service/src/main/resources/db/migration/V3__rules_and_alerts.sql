-- Threshold rules ("CTR below baseline for 5 consecutive days") and the alerts they raise.
create table rules (
    id                      uuid primary key,
    system_key              text             not null,
    metric                  text             not null,
    segment                 text             not null,
    comparison              text             not null check (comparison in ('BELOW', 'ABOVE')),
    baseline_type           text             not null check (baseline_type in ('FIXED', 'TRAILING')),
    baseline_value          double precision,
    baseline_window         text,
    baseline_statistic      text,
    tolerance_relative      double precision,
    tolerance_absolute      double precision,
    period                  text             not null check (period in ('PT1H', 'P1D')),
    consecutive_periods     integer          not null,
    min_samples_per_period  bigint           not null,
    severity                text             not null check (severity in ('WARNING', 'CRITICAL')),
    alarms_confirmed        integer          not null default 0,
    alarms_false            integer          not null default 0,
    next_evaluation_at      timestamptz      not null,
    last_evaluated_at       timestamptz,
    deleted_at              timestamptz,
    created_at              timestamptz      not null,
    created_by              text             not null,
    updated_at              timestamptz      not null,
    updated_by              text             not null
);
create index rules_due on rules (next_evaluation_at) where deleted_at is null;
create index rules_system on rules (system_key) where deleted_at is null;

create table alerts (
    id                    uuid primary key,
    rule_id               uuid        not null references rules (id),
    system_key            text        not null,
    metric                text        not null,
    segment               text        not null,
    severity              text        not null,
    state                 text        not null check (state in ('PENDING', 'FIRING', 'ACKNOWLEDGED', 'RESOLVED', 'CANCELLED')),
    consecutive_breaches  integer     not null,
    evidence              text        not null,
    opened_at             timestamptz not null,
    fired_at              timestamptz,
    resolved_at           timestamptz,
    acknowledged_at       timestamptz,
    acknowledged_by       text,
    decision              text,
    oversight_request_id  uuid,
    updated_at            timestamptz not null
);
-- At most one open alert per rule, whatever the number of replicas evaluating.
create unique index alerts_one_open_per_rule on alerts (rule_id) where state in ('PENDING', 'FIRING', 'ACKNOWLEDGED');
create index alerts_state_system on alerts (state, system_key);
create unique index alerts_request on alerts (oversight_request_id) where oversight_request_id is not null;
