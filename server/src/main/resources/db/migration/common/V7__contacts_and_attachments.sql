-- One person across channels: contacts carry the e-mail and phone they are known by, and a contact merged into
-- another points at the group's first contact (both keep their conversations). Attachments are stored with their
-- checked content type (the bytes themselves are in a vendor-specific table, see V8).

alter table contact add column email varchar(320);
alter table contact add column phone varchar(32);
alter table contact add column merged_into bigint references contact (id);

create index contact_email_idx on contact (email);
create index contact_phone_idx on contact (phone);
create index contact_merged_idx on contact (merged_into);
