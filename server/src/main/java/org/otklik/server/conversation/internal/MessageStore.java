package org.otklik.server.conversation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.otklik.server.conversation.Direction;
import org.otklik.server.conversation.MessageKind;
import org.otklik.server.conversation.MessageSent;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the {@code message} table. Uniqueness of (channel, direction, external id) is the idempotency guarantee. */
@Repository
public class MessageStore {

    private static final RowMapper<MessageView> ROW = (rs, n) -> new MessageView(rs.getLong("id"),
            rs.getLong("conversation_id"), Direction.valueOf(rs.getString("direction")),
            MessageKind.valueOf(rs.getString("kind")), rs.getString("body"), Times.nullableLong(rs, "agent_id"),
            Times.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    MessageStore(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Inserts a message. With an external id already stored for this channel and direction, the insert fails with
     * {@link org.springframework.dao.DuplicateKeyException} and the caller's transaction rolls back.
     */
    public MessageView insert(long conversationId, String channelId, Direction direction, String externalId,
                              MessageKind kind, Long agentId, String body, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into message (conversation_id, channel_id, direction, external_id, kind, agent_id, body,
                                     created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(conversationId, channelId, direction.name(), externalId, kind.name(), agentId, body,
                        Times.toDb(at))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        if (direction == Direction.OUT) {
            events.publishEvent(new MessageSent(conversationId, id, channelId, kind, at));
        }
        return new MessageView(id, conversationId, direction, kind, body, agentId, at);
    }

    public Optional<MessageView> findByExternalId(String channelId, Direction direction, String externalId) {
        return jdbc.sql("select * from message where channel_id = ? and direction = ? and external_id = ?")
                .params(channelId, direction.name(), externalId).query(ROW).optional();
    }

    /** The stored messages among these external ids of one channel, by external id. */
    public java.util.Map<String, MessageView> findByExternalIds(String channelId, Direction direction,
                                                               java.util.Collection<String> externalIds) {
        java.util.Map<String, MessageView> found = new java.util.HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        // one probe of the unique index per id: an IN list or a join with the ids was planned as a scan of the whole
        // channel whenever the table's statistics were stale (16 ms a batch at 10,000 messages, growing)
        for (String externalId : externalIds) {
            findByExternalId(channelId, direction, externalId).ifPresent(m -> found.put(externalId, m));
        }
        return found;
    }

    public List<MessageView> ofConversation(long conversationId, long afterId, int limit) {
        return jdbc.sql("""
                        select * from message where conversation_id = ? and id > ? order by id
                        fetch first %d rows only""".formatted(limit))
                .params(conversationId, afterId).query(ROW).list();
    }
}
