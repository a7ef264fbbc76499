-- Issue 9: what oversight-service hears about each AI system from the other services, kept for the system timeline
-- and the learnings report (both built from here and from this service's own tables, never by calling the others).
-- One row per CloudEvent id, so a redelivered event is stored once. data: the event's data, as published.
create table timeline_events (
    event_id     text        primary key,
    system_key   text        not null,
    occurred_at  timestamptz not null,
    source       text        not null,
    type         text        not null,
    category     text        not null check (category in ('ALERT', 'DRIFT', 'EXPERIMENT', 'ROLLOUT', 'FEEDBACK', 'OTHER')),
    summary      text        not null,
    data         jsonb       not null,
    received_at  timestamptz not null
);
create index timeline_events_system on timeline_events (system_key, occurred_at, event_id);
create index timeline_events_period on timeline_events (occurred_at);
