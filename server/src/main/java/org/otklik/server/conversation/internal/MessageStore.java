package org.otklik.server.conversation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.server.conversation.Direction;
import org.otklik.server.conversation.MessageKind;
import org.otklik.server.conversation.MessageSent;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.shared.BatchInsert;
import org.otklik.server.shared.InLists;
import org.otklik.server.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate template;
    private final ApplicationEventPublisher events;

    MessageStore(JdbcClient jdbc, JdbcTemplate template, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.template = template;
        this.events = events;
    }

    /** A message to store with {@link #insertAll} (no agent's: those go one by one, with their attachments). */
    public record NewMessage(long conversationId, String channelId, Direction direction, String externalId,
                             MessageKind kind, String body) {
    }

    /**
     * Inserts these messages with one JDBC batch; their ids, in the same order. A repeated external id fails the batch
     * as {@link #insert} fails (the caller's transaction rolls back). Outgoing ones are published as sent.
     */
    public List<Long> insertAll(List<NewMessage> batch, Instant at) {
        List<Long> ids = BatchInsert.returningIds(template, """
                insert into message (conversation_id, channel_id, direction, external_id, kind, agent_id, body,
                                     created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", batch.stream().map(m -> new Object[] {m.conversationId(),
                m.channelId(), m.direction().name(), m.externalId(), m.kind().name(), null, m.body(),
                Times.toDb(at)}).toList());
        for (int i = 0; i < batch.size(); i++) {
            NewMessage m = batch.get(i);
            if (m.direction() == Direction.OUT) {
                events.publishEvent(new MessageSent(m.conversationId(), ids.get(i), m.channelId(), m.kind(), at));
            }
        }
        return ids;
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
        // one query for up to 500 ids. With stale planner statistics this was planned as a scan of the whole channel
        // (16 ms a batch at 10,000 messages, growing), so it was a probe per id for a while; PlannerStatistics now
        // keeps the statistics fresh where autovacuum is off
        for (List<String> chunk : InLists.chunks(externalIds)) {
            List<Object> params = new java.util.ArrayList<>(List.of(channelId, direction.name()));
            params.addAll(chunk);
            jdbc.sql("select * from message where channel_id = ? and direction = ? and external_id in "
                            + InLists.placeholders(chunk.size()))
                    .params(params).query((rs, n) -> Map.entry(rs.getString("external_id"), ROW.mapRow(rs, n)))
                    .list().forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    /** The first {@code limit} messages of each of these conversations, oldest first: one query for up to 500. */
    public java.util.Map<Long, List<MessageView>> ofConversations(java.util.Collection<Long> conversationIds,
                                                                  int limit) {
        java.util.Map<Long, List<MessageView>> found = new java.util.HashMap<>();
        for (List<Long> chunk : InLists.chunks(conversationIds)) {
            jdbc.sql("select * from message where conversation_id in " + InLists.placeholders(chunk.size())
                    + " order by id").params(chunk).query(ROW).list().forEach(m -> {
                        List<MessageView> of = found.computeIfAbsent(m.conversationId(),
                                c -> new java.util.ArrayList<>());
                        if (of.size() < limit) {
                            of.add(m);
                        }
                    });
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
