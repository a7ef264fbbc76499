-- The idempotency ledgers are purged by age (LedgerRetention): find old ids without scanning the tables.
create index exposure_ids_received on exposure_ids (received_at);
create index outcome_ids_received on outcome_ids (received_at);
