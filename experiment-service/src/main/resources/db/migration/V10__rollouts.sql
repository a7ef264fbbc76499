-- Issue 9: phased rollouts of a pilot's winning variant, gated by readiness and by oversight at every phase.

-- phases: JSON list of {name, scope, trafficPercent, minDuration, exitCriteria}; readiness: JSON object of the five
-- dimensions, each {score, evidence, answers, measuredScore, measuredEvidence}. phase: index of the phase served (-1
-- before the first approval); requested_phase: the phase a pending gate asks for (-1 when none). pending_request_id:
-- the ROLLOUT_PHASE request oversight has to decide, pending_step what it is about (OVERRIDE, GATE, RESUME).
create table rollouts (
    id                  uuid        primary key,
    key                 text        not null unique,
    system_key          text        not null,
    experiment_key      text,
    variant             text        not null,
    phases              text        not null,
    readiness           text        not null,
    minimum_score       integer     not null,
    state               text        not null check (state in ('BLOCKED', 'AWAITING_OVERRIDE', 'AWAITING_GATE', 'RUNNING',
                                                             'PAUSED', 'COMPLETED', 'ROLLED_BACK')),
    phase               integer     not null,
    requested_phase     integer     not null,
    pending_request_id  uuid        unique,
    pending_step        text        check (pending_step in ('OVERRIDE', 'GATE', 'RESUME')),
    phase_started_at    timestamptz,
    pause_reason        text,
    override_reason     text,
    created_at          timestamptz not null,
    created_by          text        not null,
    updated_at          timestamptz not null,
    updated_by          text        not null
);
create index rollouts_system on rollouts (system_key);

-- What happened to a rollout, oldest first: the timeline GET /api/v1/rollouts/{key} shows.
create table rollout_steps (
    id          uuid        primary key,
    rollout_id  uuid        not null references rollouts (id),
    at          timestamptz not null,
    step        text        not null,
    phase       integer     not null,
    actor       text        not null,
    details     text        not null
);
create index rollout_steps_of on rollout_steps (rollout_id, at);

-- What the other services said about each system that rollouts need: alerts and drift (pause a phase, pre-fill data
-- readiness), feedback insights (a phase's evidence). One row per event id.
create table system_signals (
    event_id    text        primary key,
    system_key  text        not null,
    kind        text        not null check (kind in ('ALERT_FIRED', 'ALERT_RESOLVED', 'DRIFT', 'CONTRADICTION', 'THEME_SPIKE')),
    ref         text,
    summary     text        not null,
    at          timestamptz not null
);
create index system_signals_system on system_signals (system_key, kind, at);

-- Closed daily rollups per system and metric (refinery.metrics.rollups): a phase's live metrics and whether the
-- system's metrics still arrive. segments: JSON [{segment, value, count}].
create table rollup_days (
    system_key  text             not null,
    metric      text             not null,
    day_start   timestamptz      not null,
    value       double precision not null,
    count       bigint           not null,
    segments    text             not null,
    primary key (system_key, metric, day_start)
);
