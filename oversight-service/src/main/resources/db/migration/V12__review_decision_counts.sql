-- Decided reviews per system, action type, UTC hour and state, kept by triggers on reviews in the same transaction as
-- the change. Evaluating a relaxation track after each decision then sums at most one row per hour and state of the
-- window and counts one partial hour of reviews exactly, instead of counting every decided review of the track under
-- the audit log's lock (BENCHMARKS.md, review decisions: 76 -> 45 decisions/s as a track grew to 8,000 decisions).
create table review_decision_counts (
    system_key  text        not null,
    action_type text        not null,
    hour        timestamptz not null,
    state       text        not null,
    decisions   bigint      not null,
    primary key (system_key, action_type, hour, state)
);

create function review_decision_counted() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.decided_at is not null then
        update oversight.review_decision_counts set decisions = decisions - 1
         where system_key = old.system_key and action_type = old.action_type
           and hour = date_trunc('hour', old.decided_at, 'UTC') and state = old.state;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.decided_at is not null then
        insert into oversight.review_decision_counts as c (system_key, action_type, hour, state, decisions)
        values (new.system_key, new.action_type, date_trunc('hour', new.decided_at, 'UTC'), new.state, 1)
        on conflict (system_key, action_type, hour, state) do update set decisions = c.decisions + 1;
    end if;
    return null;
end
$$;

create trigger reviews_decision_counted after insert or delete on reviews
    for each row execute function review_decision_counted();
create trigger reviews_decision_recounted after update on reviews
    for each row when (old.decided_at is distinct from new.decided_at or old.state is distinct from new.state
                       or old.system_key is distinct from new.system_key or old.action_type is distinct from new.action_type)
    execute function review_decision_counted();

insert into review_decision_counts (system_key, action_type, hour, state, decisions)
select system_key, action_type, date_trunc('hour', decided_at, 'UTC'), state, count(*)
  from reviews where decided_at is not null
 group by 1, 2, 3, 4;
