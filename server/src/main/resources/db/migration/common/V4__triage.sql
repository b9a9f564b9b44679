-- Triage: what each inbound message was read as, and agents' corrections (new labelled data).
create table message_triage (
    message_id      bigint primary key references message (id),
    conversation_id bigint not null references conversation (id),
    source          varchar(40),
    kind            varchar(24) not null,
    department      varchar(32),
    private_data    boolean not null,
    profanity       boolean not null,
    outage          varchar(16),
    lang            varchar(8) not null,
    translit        boolean not null,
    confidence      varchar(400),
    triaged_at      timestamp with time zone not null
);

create index message_triage_conversation_idx on message_triage (conversation_id);
create index message_triage_outage_idx on message_triage (outage, triaged_at);

create table triage_correction (
    message_id   bigint primary key references message (id),
    kind         varchar(24) not null,
    department   varchar(32),
    private_data boolean not null,
    profanity    boolean not null,
    outage       varchar(16),
    lang         varchar(8) not null,
    agent_id     bigint references agent (id),
    corrected_at timestamp with time zone not null
);

-- canned replies a situation calls for: 'profanity' (a polite answer to swearing), 'move_to_private', 'faq'
alter table canned_reply add column purpose varchar(24);

-- whether triage picks the department of a channel's new conversations (false: always the channel's default)
alter table channel add column department_from_triage boolean default true not null;
