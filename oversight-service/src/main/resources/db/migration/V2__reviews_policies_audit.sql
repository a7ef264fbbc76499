-- Human-in-the-Loop: policies (versioned), reviews and their approvals, audit log.
-- Consumers need no ledger here: a review is unique by its id and by its source event id.

create table policies (
    system_key  text        not null,
    version     int         not null,
    document    text        not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    primary key (system_key, version)
);

create table reviews (
    id                 uuid primary key,
    system_key         text        not null,
    action_type        text        not null,
    summary            text        not null,
    payload            text        not null,
    magnitude          double precision,
    amount             double precision,
    confidence         double precision,
    category           text,
    source_service     text,
    source_event_id    text unique,
    submitted_by       text        not null,
    tier               text        not null check (tier in ('EXCEPTION_HANDLING', 'DEEP_COLLABORATION', 'REVIEW_AND_APPROVAL')),
    required_approvals int         not null check (required_approvals in (1, 2)),
    policy_version     int,
    resolution         text        not null,
    escalation_role    text        not null,
    state              text        not null check (state in ('AUTO_APPROVED', 'PENDING', 'APPROVED', 'REJECTED', 'MODIFIED')),
    assignee           text,
    due_at             timestamptz not null,
    escalated_at       timestamptz,
    created_at         timestamptz not null,
    decided_at         timestamptz,
    decided_by         text,
    outcome            text,
    rationale          text,
    modifications      text
);
create index reviews_queue on reviews (due_at, id);
create index reviews_overdue on reviews (due_at) where state = 'PENDING' and escalated_at is null;
create index reviews_system on reviews (system_key, action_type, created_at);

create table review_approvals (
    review_id     uuid        not null references reviews (id),
    approver      text        not null,
    outcome       text        not null check (outcome in ('APPROVE', 'MODIFY')),
    rationale     text        not null,
    modifications text,
    approved_at   timestamptz not null,
    primary key (review_id, approver)
);

-- Tamper-evident audit log. Each entry's hash is SHA-256 over its canonical form (see domain/AuditLog), which
-- includes the previous entry's hash, so changing or removing any row breaks every later link.
create table audit_log (
    seq         bigint      primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    system_key  text,
    subject_id  text,
    details     text        not null,
    prev_hash   text        not null,
    hash        text        not null unique
);
create index audit_log_system on audit_log (system_key, seq);

-- Append-only: the service's database user cannot change or remove audit rows. Only an owner who disables
-- this trigger on purpose (ALTER TABLE ... DISABLE TRIGGER, or session_replication_role = replica as a
-- superuser) can, and GET /api/v1/audit/verify then points at the first broken link.
create function refuse_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'oversight.audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function refuse_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function refuse_audit_change();
