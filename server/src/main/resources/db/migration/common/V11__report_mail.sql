-- The periodic reports e-mailed: each period once.
create table report_mail (
    period       varchar(16) not null,
    period_start date not null,
    sent_at      timestamp with time zone not null,
    recipients   varchar(2000) not null,
    primary key (period, period_start)
);
