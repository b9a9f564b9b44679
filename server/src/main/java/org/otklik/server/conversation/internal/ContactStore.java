package org.otklik.server.conversation.internal;

import java.time.Instant;
import java.util.Optional;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the {@code contact} table: one row per (channel, user). */
@Repository
public class ContactStore {

    private final JdbcClient jdbc;

    ContactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The contact's id, created if new, and locked until the transaction ends so that one user's messages are
     * handled one at a time. A concurrent first message of the same user makes the insert fail with a duplicate key;
     * the caller retries, and then finds the contact.
     */
    public long lockOrCreate(String channelId, String externalId, String name, Instant now) {
        Optional<Long> existing = jdbc.sql("select id from contact where channel_id = ? and external_id = ? for update")
                .params(channelId, externalId).query(Long.class).optional();
        if (existing.isPresent()) {
            if (name != null) {
                jdbc.sql("update contact set name = ? where id = ? and (name is null or name <> ?)")
                        .params(name, existing.get(), name).update();
            }
            return existing.get();
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contact (channel_id, external_id, name, created_at) values (?, ?, ?, ?)")
                .params(channelId, externalId, name, Times.toDb(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Long> find(String channelId, String externalId) {
        return jdbc.sql("select id from contact where channel_id = ? and external_id = ?")
                .params(channelId, externalId).query(Long.class).optional();
    }
}
