-- Routing engine: VIP contacts, urgent conversations and continuity (a returning user's previous agent).
alter table contact add column vip boolean default false not null;
alter table conversation add column preferred_agent_id bigint references agent (id);
