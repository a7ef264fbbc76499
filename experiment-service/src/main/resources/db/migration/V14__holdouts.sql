-- Holdouts (issue 21): a system's share of units kept out of every experiment and rollout started after the
-- holdout began. A holdout is an experiment of kind HOLDOUT (control: the held-out units; the one treatment: everyone
-- else), so exposures, outcomes and results work as for any experiment. One running (or draft) holdout per system.
create unique index experiments_one_holdout_per_system on experiments (system_key)
    where kind = 'HOLDOUT' and state in ('DRAFT', 'RUNNING');

-- When the last daily reading of a running holdout was published (io.refinery.experiments.holdout.measured.v1).
alter table experiments add column holdout_measured_at timestamptz;
