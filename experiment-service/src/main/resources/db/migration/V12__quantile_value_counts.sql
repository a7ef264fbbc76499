-- Quantile metrics (issue 21): the exact sufficient statistic of a quantile is how many units hold each value. Per
-- variant and QUANTILE metric, the exposed units that reported the metric counted by their (summed) value, kept in the
-- same transaction as unit_outcomes: a unit whose value moves from a to b takes 1 from a's count and adds 1 to b's.
-- Results read one row per distinct value (not per unit) and find the order statistics by cumulative counts.
create table variant_value_counts (
    experiment_id uuid             not null,
    variant       text             not null,
    metric        text             not null,
    value         double precision not null,
    units         bigint           not null,
    primary key (experiment_id, variant, metric, value)
);
