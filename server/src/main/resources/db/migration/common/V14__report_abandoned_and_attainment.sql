-- Abandoned conversations (the user left while waiting) and the SLA attainment of resolutions and next responses,
-- counted when a conversation closes, in every daily rollup.
alter table report_day add column abandoned int default 0 not null;
alter table report_day add column resolution_total int default 0 not null;
alter table report_day add column resolution_met int default 0 not null;
alter table report_day add column next_total int default 0 not null;
alter table report_day add column next_met int default 0 not null;
alter table report_agent_day add column abandoned int default 0 not null;
alter table report_agent_day add column resolution_total int default 0 not null;
alter table report_agent_day add column resolution_met int default 0 not null;
alter table report_agent_day add column next_total int default 0 not null;
alter table report_agent_day add column next_met int default 0 not null;
alter table report_region_day add column abandoned int default 0 not null;
alter table report_region_day add column resolution_total int default 0 not null;
alter table report_region_day add column resolution_met int default 0 not null;
alter table report_region_day add column next_total int default 0 not null;
alter table report_region_day add column next_met int default 0 not null;
