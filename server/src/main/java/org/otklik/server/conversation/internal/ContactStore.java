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
    /** A contact as a new message sees it. */
    public record Contact(long id, boolean vip) {
    }

    public Contact lockOrCreate(String channelId, String externalId, String name, Boolean vip, String region,
                                Instant now) {
        Optional<Contact> existing = jdbc.sql(
                        "select id, vip from contact where channel_id = ? and external_id = ? for update")
                .params(channelId, externalId)
                .query((rs, n) -> new Contact(rs.getLong("id"), rs.getBoolean("vip"))).optional();
        if (existing.isPresent()) {
            if (name != null) {
                jdbc.sql("update contact set name = ? where id = ? and (name is null or name <> ?)")
                        .params(name, existing.get().id(), name).update();
            }
            if (region != null) {
                jdbc.sql("update contact set region = ? where id = ? and (region is null or region <> ?)")
                        .params(region, existing.get().id(), region).update();
            }
            if (vip != null && vip != existing.get().vip()) {
                jdbc.sql("update contact set vip = ? where id = ?").params(vip, existing.get().id()).update();
                return new Contact(existing.get().id(), vip);
            }
            return existing.get();
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contact (channel_id, external_id, name, vip, region, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(channelId, externalId, name, Boolean.TRUE.equals(vip), region, Times.toDb(now))
                .update(keys, "id");
        return new Contact(keys.getKey().longValue(), Boolean.TRUE.equals(vip));
    }

    /** Marks a contact VIP or not; false if there is no such contact. */
    public boolean setVip(long contactId, boolean vip) {
        return jdbc.sql("update contact set vip = ? where id = ?").params(vip, contactId).update() > 0;
    }

    public Optional<Long> find(String channelId, String externalId) {
        return jdbc.sql("select id from contact where channel_id = ? and external_id = ?")
                .params(channelId, externalId).query(Long.class).optional();
    }
}
