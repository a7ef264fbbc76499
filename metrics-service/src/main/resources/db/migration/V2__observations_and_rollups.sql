-- Raw metric observations. Idempotent on the client's id. BRIN on time keeps the index tiny for an
-- append-mostly table; reads go to rollups, so no per-system btree is paid on every insert.
create table observations (
    id          text             primary key,
    system_key  text             not null,
    metric      text             not null,
    value       double precision not null,
    numerator   double precision,
    denominator double precision,
    observed_at timestamptz      not null,
    segment     text,
    dimensions  jsonb,
    received_at timestamptz      not null
);
create index observations_observed_brin on observations using brin (observed_at);

-- Hourly (PT1H) and daily (P1D) aggregates per system, metric and segment ('' = all segments), maintained
-- incrementally in the same statement that inserts the observations. Rates (numerator/denominator given on
-- every observation) roll up as sum(numerator)/sum(denominator); other metrics as the mean of values.
create table rollups (
    system_key      text             not null,
    metric          text             not null,
    step            text             not null check (step in ('PT1H', 'P1D')),
    segment         text             not null,
    bucket          timestamptz      not null,
    count           bigint           not null,
    sum             double precision not null,
    min             double precision not null,
    max             double precision not null,
    ratio_count     bigint           not null,
    numerator_sum   double precision not null,
    denominator_sum double precision not null,
    updated_at      timestamptz      not null,
    primary key (system_key, metric, step, segment, bucket)
);
