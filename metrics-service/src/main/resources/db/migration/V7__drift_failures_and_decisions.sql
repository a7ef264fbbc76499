-- Issue 5, continued.

-- A monitor whose evaluation fails (unreadable stored data, a bug) must not hold up the others: the failure is kept
-- here and the monitor is retried after a back-off that doubles per consecutive failure, up to a cap.
alter table drift_monitors add column failed_attempts integer not null default 0;
alter table drift_monitors add column last_error      text;
alter table drift_monitors add column last_failed_at  timestamptz;

-- The oversight decision on a detection's DRIFT_REMEDIATION request, as read from refinery.oversight.decisions:
-- the outcome, who decided, and the remediation that was chosen (the recommended one, unless MODIFY named another).
alter table drift_detections add column decision        text check (decision in ('APPROVE', 'REJECT', 'MODIFY'));
alter table drift_detections add column decided_by      text;
alter table drift_detections add column decided_at      timestamptz;
alter table drift_detections add column chosen_action   text;
alter table drift_detections add column rationale       text;
