package org.otklik.server.conversation.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.otklik.server.shared.BatchInsert;
import org.otklik.server.shared.InLists;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for the {@code contact} table: one row per (channel, user). */
@Repository
public class ContactStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ContactStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A contact as a new message sees it; {@code created} when this message made it (it has no conversations). */
    public record Contact(long id, boolean vip, String name, String region, boolean created) {
    }

    /** Who wrote a message, as the channel describes them (null: not said). */
    public record Details(String externalId, String name, Boolean vip, String region) {
    }

    /**
     * The contacts of these users of one channel, by external id, locked until the transaction ends so that one user's
     * messages are handled one at a time: those that exist with one query (locked in id order, the order every writer
     * locks in), those that do not created with one JDBC batch, each from its first message's details. A concurrent
     * first message of the same new user on another writer or node makes the insert fail with a duplicate key; the
     * caller retries, and then finds the contact.
     */
    public Map<String, Contact> lockOrCreateAll(String channelId, List<Details> users, Instant now) {
        Map<String, Details> first = new LinkedHashMap<>();
        users.forEach(u -> first.putIfAbsent(u.externalId(), u));
        Map<String, Contact> found = new HashMap<>();
        for (List<String> chunk : InLists.chunks(first.keySet())) {
            jdbc.sql("select id, external_id, vip, name, region from contact where channel_id = ? and external_id in "
                            + InLists.placeholders(chunk.size()) + " order by id for update")
                    .params(Stream.concat(Stream.of(channelId), chunk.stream()).toList())
                    .query(rs -> {
                        found.put(rs.getString("external_id"), new Contact(rs.getLong("id"), rs.getBoolean("vip"),
                                rs.getString("name"), rs.getString("region"), false));
                    });
        }
        List<Details> missing = first.values().stream().filter(u -> !found.containsKey(u.externalId())).toList();
        List<Long> created = BatchInsert.returningIds(template,
                "insert into contact (channel_id, external_id, name, vip, region, created_at) values (?, ?, ?, ?, ?, ?)",
                missing.stream().map(u -> new Object[] {channelId, u.externalId(), u.name(),
                        Boolean.TRUE.equals(u.vip()), u.region(), Times.toDb(now)}).toList());
        for (int i = 0; i < missing.size(); i++) {
            Details u = missing.get(i);
            found.put(u.externalId(), new Contact(created.get(i), Boolean.TRUE.equals(u.vip()), u.name(), u.region(),
                    true));
        }
        return found;
    }

    /**
     * The contact of one message from {@link #lockOrCreateAll}'s answer, brought up to date with the message's
     * details; a later message of the same user then finds it as it is now, and no longer new.
     */
    public Contact forMessage(Map<String, Contact> contacts, Details user) {
        Contact c = contacts.get(user.externalId());
        String name = user.name() != null ? user.name() : c.name();
        String region = user.region() != null ? user.region() : c.region();
        boolean vip = user.vip() != null ? user.vip() : c.vip();
        if (!Objects.equals(name, c.name()) || !Objects.equals(region, c.region()) || vip != c.vip()) {
            jdbc.sql("update contact set name = ?, region = ?, vip = ? where id = ?")
                    .params(name, region, vip, c.id()).update();
        }
        contacts.put(user.externalId(), new Contact(c.id(), vip, name, region, false));
        return new Contact(c.id(), vip, name, region, c.created());
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
