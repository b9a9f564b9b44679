-- The outage watch reads triaged messages by time, every few seconds, on the routing leader.
create index message_triage_time_idx on message_triage (triaged_at);
