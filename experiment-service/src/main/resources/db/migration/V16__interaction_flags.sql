-- Interactions flagged in results (issue 21): the clocked checks test each running experiment against the others
-- of its system that share units at most once per refinery.experiments.interaction-check (PT1H), and keep the
-- experiments it interacts with, which the results then show.
alter table experiments add column interactions_checked_at timestamptz;
-- JSON list of {otherExperimentKey, sharedUnits, reason}; empty when nothing interacts.
alter table experiments add column interaction_flags text;
