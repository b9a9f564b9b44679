-- Reports are projections of lifecycle events, written as the events happen (never scans of live tables):
-- one row per conversation (its guarded fields make every handler idempotent), and rollups per day and per hour
-- that the reports sum.

create table report_conversation (
    conversation_id        bigint primary key,
    created_at             timestamp with time zone not null,
    on_day                    date not null,
    department             varchar(32) not null,
    channel_id             varchar(64) not null,
    region                 varchar(64) not null,
    agent_id               bigint,
    first_response_seconds int,
    closed_seconds         int,
    close_reason           varchar(16),
    csat_score             int,
    reopened               int not null,
    overflowed             boolean not null,
    sla_first_met          boolean
);

create index report_conversation_day_idx on report_conversation (on_day);

-- Three rollups with the same measures, each as narrow as the reports that read it: by department and channel
-- (totals, the month report, the cockpit), by agent, and by region.
create table report_day (
    on_day               date not null,
    department        varchar(32) not null,
    channel_id        varchar(64) not null,
    received          int not null default 0,
    first_responses   int not null default 0,
    frt_sum           bigint not null default 0,
    frt_b0 int not null default 0, frt_b1 int not null default 0, frt_b2 int not null default 0,
    frt_b3 int not null default 0, frt_b4 int not null default 0, frt_b5 int not null default 0,
    frt_b6 int not null default 0, frt_b7 int not null default 0, frt_b8 int not null default 0,
    frt_b9 int not null default 0, frt_b10 int not null default 0, frt_b11 int not null default 0,
    frt_b12 int not null default 0,
    closed            int not null default 0,
    confirmed         int not null default 0,
    auto_closed       int not null default 0,
    resolution_sum    bigint not null default 0,
    reopened          int not null default 0,
    overflowed        int not null default 0,
    csat_count        int not null default 0,
    csat_positive     int not null default 0,
    csat_sum          int not null default 0,
    sla_total         int not null default 0,
    sla_met           int not null default 0,
    primary key (on_day, department, channel_id)
);

create table report_agent_day (
    on_day               date not null,
    agent_id          bigint not null,
    department        varchar(32) not null,
    received          int not null default 0,
    first_responses   int not null default 0,
    frt_sum           bigint not null default 0,
    frt_b0 int not null default 0, frt_b1 int not null default 0, frt_b2 int not null default 0,
    frt_b3 int not null default 0, frt_b4 int not null default 0, frt_b5 int not null default 0,
    frt_b6 int not null default 0, frt_b7 int not null default 0, frt_b8 int not null default 0,
    frt_b9 int not null default 0, frt_b10 int not null default 0, frt_b11 int not null default 0,
    frt_b12 int not null default 0,
    closed            int not null default 0,
    confirmed         int not null default 0,
    auto_closed       int not null default 0,
    resolution_sum    bigint not null default 0,
    reopened          int not null default 0,
    overflowed        int not null default 0,
    csat_count        int not null default 0,
    csat_positive     int not null default 0,
    csat_sum          int not null default 0,
    sla_total         int not null default 0,
    sla_met           int not null default 0,
    primary key (on_day, agent_id, department)
);

create table report_region_day (
    on_day               date not null,
    region            varchar(64) not null,
    received          int not null default 0,
    first_responses   int not null default 0,
    frt_sum           bigint not null default 0,
    frt_b0 int not null default 0, frt_b1 int not null default 0, frt_b2 int not null default 0,
    frt_b3 int not null default 0, frt_b4 int not null default 0, frt_b5 int not null default 0,
    frt_b6 int not null default 0, frt_b7 int not null default 0, frt_b8 int not null default 0,
    frt_b9 int not null default 0, frt_b10 int not null default 0, frt_b11 int not null default 0,
    frt_b12 int not null default 0,
    closed            int not null default 0,
    confirmed         int not null default 0,
    auto_closed       int not null default 0,
    resolution_sum    bigint not null default 0,
    reopened          int not null default 0,
    overflowed        int not null default 0,
    csat_count        int not null default 0,
    csat_positive     int not null default 0,
    csat_sum          int not null default 0,
    sla_total         int not null default 0,
    sla_met           int not null default 0,
    primary key (on_day, region)
);

create table report_hour (
    on_day             date not null,
    hour_of_day            int not null,
    department      varchar(32) not null,
    channel_id      varchar(64) not null,
    received        int not null default 0,
    first_responses int not null default 0,
    frt_sum         bigint not null default 0,
    primary key (on_day, hour_of_day, department, channel_id)
);

alter table contact add column region varchar(64);
