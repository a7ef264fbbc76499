-- Surveys with their lint findings (kept for audit), and responses with the respondent's segment.
create table surveys (
    key          text primary key,
    system_key   text        not null,
    questions    jsonb       not null,
    findings     jsonb       not null,
    acknowledged boolean     not null,
    created_by   text        not null,
    created_at   timestamptz not null
);

create table survey_responses (
    id          uuid primary key,
    survey_key  text             not null references surveys (key),
    system_key  text             not null,
    segment     text             not null,
    answers     jsonb            not null,
    nps         integer,
    csat        double precision,
    occurred_at timestamptz      not null,
    received_at timestamptz      not null
);
create index survey_responses_system_time on survey_responses (system_key, occurred_at);
