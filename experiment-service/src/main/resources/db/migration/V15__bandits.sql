-- Multi-armed bandits (issue 21): an experiment with bandit settings gets its variants' weights from Thompson
-- sampling on the primary metric, recomputed on a clock. Every set of weights is kept, so any assignment can be
-- explained later: the unit's hash and the weights of the version that served it.
alter table experiments add column bandit text;

create table bandit_weights (
    experiment_id     uuid        not null,
    version           integer     not null,
    computed_at       timestamptz not null,
    -- START (the declared weights), BURN_IN (an arm is below its burn-in), THOMPSON, or FROZEN (a sample ratio
    -- mismatch: the weights stay until the split is explained).
    reason            text        not null,
    -- {variant: weight}, summing to 1.
    weights           text        not null,
    -- {variant: P(best)} when computed, else null.
    probability_best  text,
    -- {variant: exposed units} when the weights were computed.
    units             text        not null,
    primary key (experiment_id, version)
);
