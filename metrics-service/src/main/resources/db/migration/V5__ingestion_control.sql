-- Operators can pause ingestion from Kafka (database maintenance, a bad producer): every replica follows this row
-- within a second, and records wait in the topic meanwhile. HTTP ingestion is not affected.
create table metrics.ingestion_control (
    channel    text primary key,
    paused     boolean     not null,
    reason     text,
    changed_by text        not null,
    changed_at timestamptz not null default now()
);

insert into metrics.ingestion_control (channel, paused, changed_by) values ('observations', false, 'migration');
