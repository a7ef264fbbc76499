-- Feedback items, stored only after PII redaction: "text", "source" and "debrief" never hold raw input.
create table feedback_items (
    id              uuid primary key,
    system_key      text             not null,
    channel         text             not null,
    segment         text             not null,
    text            text             not null,
    rating          double precision,
    locale          text             not null,
    occurred_at     timestamptz      not null,
    source          jsonb            not null,
    debrief         jsonb,
    sentiment       double precision not null,
    sentiment_label text             not null,
    themes          text[]           not null,
    received_at     timestamptz      not null
);
create index feedback_items_system_time on feedback_items (system_key, occurred_at desc, id desc);
create index feedback_items_themes on feedback_items using gin (themes);
