-- Exposures and outcomes, kept as per-variant sufficient statistics updated in the same transaction as the rows,
-- so results read a handful of rows however many units an experiment has.

-- One row per unit of an experiment. variant is set by the unit's first exposure (later exposures change nothing);
-- a row with a null variant holds a unit whose outcomes arrived before its exposure. Every write of a unit's
-- outcomes or exposure goes through this row first (an upsert), so the two paths serialise per unit.
create table units (
    experiment_id    uuid        not null,
    unit_id          text        not null,
    variant          text,
    first_exposed_at timestamptz,
    -- Pre-period value of the primary metric, for CUPED (optional, given with the first exposure).
    covariate        double precision,
    primary key (experiment_id, unit_id)
);

-- Idempotency ledgers of the ingestion endpoints and topics: a replayed id changes nothing.
create table exposure_ids (
    id          text        primary key,
    received_at timestamptz not null
);
create table outcome_ids (
    id          text        primary key,
    received_at timestamptz not null
);

-- A unit's outcomes summed per metric (numeric: the old value is recovered exactly as new - delta).
create table unit_outcomes (
    experiment_id uuid    not null,
    unit_id       text    not null,
    metric        text    not null,
    value         numeric not null,
    primary key (experiment_id, unit_id, metric)
);

-- Per variant: exposed units n and, for CUPED, the covariate's count, Σx and Σx².
create table variant_stats (
    experiment_id    uuid             not null,
    variant          text             not null,
    units            bigint           not null,
    covariate_units  bigint           not null,
    covariate_sum    double precision not null,
    covariate_sum_sq double precision not null,
    primary key (experiment_id, variant)
);

-- Per variant and metric over the exposed units: Σy, Σy², Σxy and the units whose summed value is above 0
-- (conversions of a BINOMIAL metric). Units without an outcome count with y = 0.
create table variant_metric_stats (
    experiment_id uuid             not null,
    variant       text             not null,
    metric        text             not null,
    sum           double precision not null,
    sum_sq        double precision not null,
    sum_xy        double precision not null,
    conversions   bigint           not null,
    primary key (experiment_id, variant, metric)
);
