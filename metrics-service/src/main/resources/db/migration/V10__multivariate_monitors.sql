-- Issue 22, continued: drift monitors may also run the multivariate checks (data reconstruction, domain classifier) on
-- the joint rows of their numerical features. The per-feature reservoirs cannot give joint rows (each feature's
-- sampling priority includes its name), so every numerical feature day also keeps a row-aligned bottom-k sample whose
-- priority is the sample's alone: the samples kept for two features of the same day are then the same samples, and
-- their values join into rows.
alter table drift_feature_days add column row_reservoir bytea not null default ''::bytea;
alter table drift_monitors add column multivariate boolean not null default false;
alter table drift_runs add column multivariate text; -- JSON MultivariateCheck when the monitor runs them
