-- The photos of a profile the service pushed, compared side by side with a recovery request's photo.
create table profile_photo (
    profile_id   varchar(100) not null references profile (id),
    position     int not null,
    content_type varchar(100) not null,
    data         blob not null,
    primary key (profile_id, position)
);
