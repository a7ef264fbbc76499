-- Relaxation (issue 8): incidents per system and action type, and the index the decision-history query uses.
-- An incident is a later alert, or a reviewer's rejection, tied to an auto-approved action; each tightens the
-- action type's tier by one at once (see domain/Incidents). source_key makes every incident count once.
create table relaxation_incidents (
    id           uuid primary key,
    system_key   text        not null,
    action_type  text        not null,
    kind         text        not null check (kind in ('ALERT', 'OVERRIDE')),
    source_key   text        not null unique,
    review_id    uuid        not null references reviews (id),
    reason       text        not null,
    reported_by  text        not null,
    occurred_at  timestamptz not null,
    shift_before int         not null,
    shift_after  int         not null,
    policy_version int
);
create index relaxation_incidents_track on relaxation_incidents (system_key, action_type, occurred_at);

create index reviews_track on reviews (system_key, action_type, decided_at);
