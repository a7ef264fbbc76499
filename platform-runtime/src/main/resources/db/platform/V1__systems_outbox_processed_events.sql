-- The first migration of every service that consumes the AI system registry (metrics, experiments, feedback): run
-- by each service's Flyway in its own schema (quarkus.flyway.schemas), found through quarkus.flyway.locations, so the
-- tables of platform-runtime's system projection, processed-event ledger and outbox are defined once. Nothing outside
-- the owning service reads its schema.

-- Projection of the AI system registry, kept from refinery.systems.
create table systems (
    system_key       text primary key,
    name             text        not null,
    kind             text        not null,
    owner_team       text        not null,
    brand_impact     text        not null,
    financial_impact text        not null,
    customer_impact  text        not null,
    revision         bigint      not null,
    updated_at       timestamptz not null,
    received_at      timestamptz not null
);

-- Idempotent consumers: one row per consumed event id.
create table processed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
create index processed_events_age on processed_events (processed_at);

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
