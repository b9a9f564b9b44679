package org.otklik.server.conversation.internal;

import java.time.Instant;
import java.util.List;
import org.otklik.server.conversation.TimelineEntry;
import org.otklik.server.shared.DeferredInserts;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only {@code conversation_event} history, written in the same transaction as each transition. */
@Repository
public class EventLog {

    private final JdbcClient jdbc;
    private final DeferredInserts deferred;

    EventLog(JdbcClient jdbc, DeferredInserts deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    /** Written with the transaction's other history rows in one batch, just before it commits. */
    public void append(ConversationRow conversation, String type, Instant at, Long agentId, String detail) {
        deferred.add("""
                insert into conversation_event (conversation_id, type, occurred_at, agent_id, department, channel_id,
                                                detail)
                values (?, ?, ?, ?, ?, ?, ?)""", conversation.id(), type, Times.toDb(at), agentId,
                conversation.state().department(), conversation.channelId(), detail);
    }

    public List<TimelineEntry> of(long conversationId) {
        return jdbc.sql("select * from conversation_event where conversation_id = ? order by id")
                .param(conversationId)
                .query((rs, n) -> new TimelineEntry(rs.getLong("id"), rs.getString("type"),
                        Times.fromDb(rs, "occurred_at"), Times.nullableLong(rs, "agent_id"), rs.getString("detail")))
                .list();
    }
}
