-- Closed metric periods from refinery.metrics.rollups (the metric side of contradictions), one row per period.
create table metric_rollups (
    system_key   text             not null,
    metric       text             not null,
    period       text             not null,
    period_start timestamptz      not null,
    period_end   timestamptz      not null,
    value        double precision not null,
    samples      bigint           not null,
    received_at  timestamptz      not null,
    primary key (system_key, metric, period, period_start)
);

-- Metrics and customers disagreeing about one system over one window of periods (at most one per window).
create table contradictions (
    id                   uuid primary key,
    system_key           text             not null,
    metric               text             not null,
    polarity             text             not null,
    kind                 text             not null,
    period               text             not null,
    window_start         timestamptz      not null,
    period_start         timestamptz      not null,
    period_end           timestamptz      not null,
    metric_values        jsonb            not null,
    metric_z             double precision not null,
    metric_p             double precision not null,
    items_now            bigint           not null,
    negative_now         bigint           not null,
    items_before         bigint           not null,
    negative_before      bigint           not null,
    sentiment_z          double precision not null,
    sentiment_p          double precision not null,
    themes               jsonb            not null,
    examples             jsonb            not null,
    summary              text             not null,
    event_id             uuid             not null,
    oversight_request_id uuid             not null,
    detected_at          timestamptz      not null,
    unique (system_key, metric, period, period_start)
);
create index contradictions_system_time on contradictions (system_key, detected_at desc, id desc);
create index contradictions_time on contradictions (detected_at desc, id desc);

-- Theme spikes: a theme's share of one day's feedback jumped against the days before. One check per day.
create table theme_spike_checks (
    day        timestamptz primary key,
    checked_at timestamptz not null
);

create table theme_spikes (
    id            uuid primary key,
    system_key    text             not null,
    theme         text             not null,
    period_start  timestamptz      not null,
    period_end    timestamptz      not null,
    count_now     bigint           not null,
    items_now     bigint           not null,
    count_before  bigint           not null,
    items_before  bigint           not null,
    ratio         double precision not null,
    z             double precision not null,
    p             double precision not null,
    event_id      uuid             not null,
    detected_at   timestamptz      not null,
    unique (system_key, theme, period_start)
);
create index theme_spikes_system_time on theme_spikes (system_key, period_start desc);
