-- Issue 22, continued: each run of an estimator looks at today and yesterday; the whole recheck window (late labels)
-- is looked at once per refinery.performance.recheck-interval, which bounds the fingerprint scan at high volume.
alter table performance_estimators add column last_recheck_at timestamptz;
