-- Periods whose rollups have been published on refinery.metrics.rollups; the primary key makes each
-- period close exactly once, whatever the number of replicas.
create table closed_periods (
    step      text        not null,
    bucket    timestamptz not null,
    closed_at timestamptz not null,
    primary key (step, bucket)
);
