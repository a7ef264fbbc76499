-- DEEP_COLLABORATION: the people working a request together and their thread of notes and evidence links.
create table session_participants (
    review_id uuid        not null references reviews (id),
    person    text        not null,
    joined_at timestamptz not null,
    primary key (review_id, person)
);

create table session_entries (
    id        uuid primary key,
    review_id uuid        not null references reviews (id),
    author    text        not null,
    body      text        not null,
    link      text,
    posted_at timestamptz not null
);
create index session_entries_review on session_entries (review_id, posted_at);
