package org.otklik.server.connector.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.otklik.server.connector.Outgoing;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The e-mail thread with each contact: the subject and the Message-IDs so far, so a reply carries In-Reply-To and
 * References and lands in the user's thread.
 */
@Repository
public class EmailThreadStore {

    private static final int KEEP = 20;

    private final JdbcClient jdbc;

    EmailThreadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String channelId, String contact, String messageId, String subject, Instant now) {
        Optional<Outgoing.EmailThread> known = find(channelId, contact);
        if (known.isEmpty()) {
            jdbc.sql("""
                    insert into email_thread (channel_id, contact_external_id, last_message_id, message_ids, subject,
                                              updated_at) values (?, ?, ?, ?, ?, ?)""")
                    .params(channelId, contact, messageId, messageId, subject, Times.toDb(now)).update();
            return;
        }
        List<String> ids = new ArrayList<>(known.get().references());
        ids.add(messageId);
        if (ids.size() > KEEP) {
            ids = ids.subList(ids.size() - KEEP, ids.size());
        }
        jdbc.sql("""
                update email_thread set last_message_id = ?, message_ids = ?, subject = coalesce(?, subject),
                       updated_at = ? where channel_id = ? and contact_external_id = ?""")
                .params(messageId, String.join(" ", ids), subject, Times.toDb(now), channelId, contact).update();
    }

    public Optional<Outgoing.EmailThread> find(String channelId, String contact) {
        return jdbc.sql("""
                select subject, last_message_id, message_ids from email_thread
                where channel_id = ? and contact_external_id = ?""").params(channelId, contact)
                .query((rs, n) -> new Outgoing.EmailThread(rs.getString("subject"), rs.getString("last_message_id"),
                        Arrays.asList(rs.getString("message_ids").split(" ")))).optional();
    }
}
