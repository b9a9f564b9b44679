package org.otklik.server.connector.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code outbound_delivery}: the outbox. A row is claimed by a conditional update (queued -> sending), so two
 * nodes never send the same row; it ends sent or failed.
 */
@Repository
public class DeliveryStore {

    /** What a due row needs to be sent. */
    public record Due(long id, String channelId, Long messageId, Long mentionReplyId, int attempts, String recipient,
                      String text, String publicReplyTo) {
    }

    /** Where a delivery stands. */
    public record Status(long id, String status, int attempts, String lastError, String platformMessageId,
                         Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void queueMessage(String channelId, long messageId, Instant now) {
        jdbc.sql("""
                insert into outbound_delivery (channel_id, message_id, status, attempts, next_attempt_at, created_at,
                                               updated_at)
                values (?, ?, 'queued', 0, ?, ?, ?)""")
                .params(channelId, messageId, Times.toDb(now), Times.toDb(now), Times.toDb(now)).update();
    }

    public void queueReply(String channelId, long mentionReplyId, Instant now) {
        jdbc.sql("""
                insert into outbound_delivery (channel_id, mention_reply_id, status, attempts, next_attempt_at,
                                               created_at, updated_at)
                values (?, ?, 'queued', 0, ?, ?, ?)""")
                .params(channelId, mentionReplyId, Times.toDb(now), Times.toDb(now), Times.toDb(now)).update();
    }

    public List<Long> due(Instant now, int limit) {
        return jdbc.sql("select id from outbound_delivery where status = 'queued' and next_attempt_at <= ?"
                        + " order by id fetch first " + limit + " rows only")
                .param(Times.toDb(now)).query(Long.class).list();
    }

    /** Takes a queued row for sending; false when another worker took it first. */
    public boolean claim(long id, Instant now) {
        return jdbc.sql("""
                update outbound_delivery set status = 'sending', attempts = attempts + 1, updated_at = ?
                where id = ? and status = 'queued'""").params(Times.toDb(now), id).update() == 1;
    }

    public Optional<Due> load(long id) {
        return jdbc.sql("""
                select d.id, d.channel_id, d.message_id, d.mention_reply_id, d.attempts,
                       c.external_id as recipient, coalesce(m.body, r.body) as text,
                       mn.source_id as public_reply_to
                from outbound_delivery d
                left join message m on m.id = d.message_id
                left join conversation cv on cv.id = m.conversation_id
                left join contact c on c.id = cv.contact_id
                left join mention_reply r on r.id = d.mention_reply_id
                left join mention mn on mn.id = r.mention_id
                where d.id = ?""").param(id)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("channel_id"),
                        Times.nullableLong(rs, "message_id"), Times.nullableLong(rs, "mention_reply_id"),
                        rs.getInt("attempts"), rs.getString("recipient"), rs.getString("text"),
                        rs.getString("public_reply_to"))).optional();
    }

    public void sent(long id, String platformMessageId, Instant now) {
        jdbc.sql("""
                update outbound_delivery set status = 'sent', platform_message_id = ?, last_error = null,
                       sent_at = ?, updated_at = ? where id = ?""")
                .params(platformMessageId, Times.toDb(now), Times.toDb(now), id).update();
    }

    public void retryAt(long id, Instant next, String error, Instant now) {
        jdbc.sql("""
                update outbound_delivery set status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ?
                where id = ?""").params(Times.toDb(next), clip(error), Times.toDb(now), id).update();
    }

    public void failed(long id, String error, Instant now) {
        jdbc.sql("update outbound_delivery set status = 'failed', last_error = ?, updated_at = ? where id = ?")
                .params(clip(error), Times.toDb(now), id).update();
    }

    /** Rows left in sending by a process that stopped mid-send. */
    public List<Long> stuckSince(Instant before) {
        return jdbc.sql("select id from outbound_delivery where status = 'sending' and updated_at < ?")
                .param(Times.toDb(before)).query(Long.class).list();
    }

    /** Puts a stuck row back in the queue, if it is still stuck. */
    public boolean requeueStuck(long id, Instant now) {
        return jdbc.sql("""
                update outbound_delivery set status = 'queued', next_attempt_at = ?, updated_at = ?
                where id = ? and status = 'sending'""").params(Times.toDb(now), Times.toDb(now), id).update() == 1;
    }

    public Map<Long, Status> ofMessages(List<Long> messageIds) {
        Map<Long, Status> out = new HashMap<>();
        if (messageIds.isEmpty()) {
            return out;
        }
        String in = String.join(",", messageIds.stream().map(i -> "?").toList());
        jdbc.sql("select * from outbound_delivery where message_id in (" + in + ")").params(List.copyOf(messageIds))
                .query((rs, n) -> out.put(rs.getLong("message_id"), status(rs))).list();
        return out;
    }

    public Optional<Status> ofReply(long mentionReplyId) {
        return jdbc.sql("select * from outbound_delivery where mention_reply_id = ?").param(mentionReplyId)
                .query((rs, n) -> status(rs)).optional();
    }

    public Optional<Status> get(long id) {
        return jdbc.sql("select * from outbound_delivery where id = ?").param(id).query((rs, n) -> status(rs))
                .optional();
    }

    private static Status status(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Status(rs.getLong("id"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getString("platform_message_id"), Times.fromDb(rs, "updated_at"));
    }

    private static String clip(String error) {
        return error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
