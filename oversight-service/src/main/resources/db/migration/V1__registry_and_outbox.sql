-- oversight-service owns schema "oversight" (created by Flyway). Nothing outside this service reads it.

create table ai_systems (
    id               uuid primary key,
    system_key       text        not null unique check (system_key ~ '^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$'),
    name             text        not null,
    kind             text        not null,
    owner_team       text        not null,
    brand_impact     text        not null check (brand_impact in ('LOW', 'MEDIUM', 'HIGH')),
    financial_impact text        not null check (financial_impact in ('LOW', 'MEDIUM', 'HIGH')),
    customer_impact  text        not null check (customer_impact in ('LOW', 'MEDIUM', 'HIGH')),
    revision         bigint      not null,
    created_at       timestamptz not null,
    created_by       text        not null,
    updated_at       timestamptz not null,
    updated_by       text        not null
);

-- Transactional outbox (DESIGN.md section 4): written with the state change, published by OutboxRelay in seq order.
create table outbox (
    seq          bigint generated always as identity,
    id           uuid        primary key,
    topic        text        not null,
    record_key   text        not null,
    event_type   text        not null,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_pending on outbox (seq) where published_at is null;
create index outbox_published on outbox (published_at) where published_at is not null;
