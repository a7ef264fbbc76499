-- Ratio metrics (issue 21): a metric N/D where both are per-unit sums of outcomes (revenue / sessions, items / orders)
-- and the unit of randomisation is the unit (a user). Besides the per-metric sums already in variant_metric_stats, the
-- delta method needs, per variant, Σ N·D over the exposed units (units without an outcome count with 0). It is kept
-- in the same transaction as unit_outcomes: moved by new N·new D − old N·old D when a unit's values change, and by
-- the unit's N·D when a unit whose outcomes came first is exposed.
create table variant_ratio_stats (
    experiment_id   uuid             not null,
    variant         text             not null,
    numerator       text             not null,
    denominator     text             not null,
    sum_products    double precision not null,
    primary key (experiment_id, variant, numerator, denominator)
);
