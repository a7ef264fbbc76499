-- Registered AI systems without a RUNNING experiment, since when (the coverage job opens and closes gaps and
-- publishes coverage.gap-opened / gap-closed on refinery.experiments.lifecycle).
create table coverage_gaps (
    system_key text        primary key,
    opened_at  timestamptz not null
);
