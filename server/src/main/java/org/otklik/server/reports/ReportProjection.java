package org.otklik.server.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.server.conversation.ConversationAssigned;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationOverflowed;
import org.otklik.server.conversation.ConversationQueued;
import org.otklik.server.conversation.ConversationReopened;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.ReplySent;
import org.otklik.server.csat.CsatSubmitted;
import org.otklik.server.reports.internal.Rollups;
import org.otklik.server.shared.Times;
import org.otklik.server.sla.SlaPolicies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the report projections as lifecycle events happen: durable listeners (the event publication registry hands
 * an event over again after a crash), each idempotent because it first moves a guarded field of the conversation's
 * report row (null -> value) and adds to the rollups only when that move happened. Counts go to the day the
 * conversation came in, so a period's report describes the conversations received in it.
 */
@Component
class ReportProjection {

    private final JdbcClient jdbc;
    private final Rollups rollups;
    private final ConversationManagement conversations;
    private final SlaPolicies sla;
    private final ReportsProperties properties;
    private final TransactionTemplate transactions;

    ReportProjection(JdbcClient jdbc, Rollups rollups, ConversationManagement conversations, SlaPolicies sla,
                     ReportsProperties properties, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.conversations = conversations;
        this.sla = sla;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** The conversation's report row: its day and dimensions, as they were when it came in. */
    private record Row(java.time.LocalDate day, int hour, String department, String channel, String region,
                       Instant createdAt) {
    }

    @Async
    @TransactionalEventListener
    void on(ConversationQueued queued) {
        transactions.executeWithoutResult(tx -> row(queued.conversationId()));
    }

    /** The row, made (and the conversation counted as received) the first time it is needed. */
    private Row row(long conversationId) {
        Row existing = jdbc.sql("select created_at, on_day, department, channel_id, region from report_conversation"
                        + " where conversation_id = ?").param(conversationId)
                .query((rs, n) -> {
                    Instant created = Times.fromDb(rs, "created_at");
                    return new Row(rs.getDate("on_day").toLocalDate(), created.atZone(properties.zone()).getHour(),
                            rs.getString("department"), rs.getString("channel_id"), rs.getString("region"), created);
                }).optional().orElse(null);
        if (existing != null) {
            return existing;
        }
        ConversationView c = conversations.get(conversationId);
        String region = jdbc.sql("select region from contact where id = ?").param(c.contactId()).query(String.class)
                .optional().orElse(null);
        ZonedDateTime local = c.createdAt().atZone(properties.zone());
        Row row = new Row(local.toLocalDate(), local.getHour(), c.department(), c.channelId(),
                region == null ? "" : region, c.createdAt());
        boolean inserted = rollups.insertOnce(() -> jdbc.sql("""
                insert into report_conversation (conversation_id, created_at, on_day, department, channel_id, region,
                                                 reopened, overflowed) values (?, ?, ?, ?, ?, ?, 0, false)""")
                .params(conversationId, Times.toDb(c.createdAt()), row.day(), row.department(), row.channel(),
                        row.region()).update());
        if (!inserted) {
            return row;
        }
        rollups.day(row.day(), row.department(), row.channel(), 0, row.region(), Map.of("received", 1L));
        rollups.hour(row.day(), row.hour(), row.department(), row.channel(), Map.of("received", 1L));
        return row;
    }

    @Async
    @TransactionalEventListener
    void on(ConversationAssigned assigned) {
        transactions.executeWithoutResult(tx -> {
            row(assigned.conversationId());
            jdbc.sql("update report_conversation set agent_id = ? where conversation_id = ?")
                    .params(assigned.agentId(), assigned.conversationId()).update();
        });
    }

    @Async
    @TransactionalEventListener
    void on(ReplySent reply) {
        if (!reply.firstReply()) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            Row row = row(reply.conversationId());
            ConversationView c = conversations.get(reply.conversationId());
            long seconds = Math.max(0, Duration.between(c.queuedAt() == null ? c.createdAt() : c.queuedAt(),
                    reply.at()).toSeconds());
            boolean met = sla.firstResponseMet(c, reply.at());
            int moved = jdbc.sql("""
                    update report_conversation set first_response_seconds = ?, sla_first_met = ?, agent_id = ?
                    where conversation_id = ? and first_response_seconds is null""")
                    .params(seconds, met, reply.agentId(), reply.conversationId()).update();
            if (moved == 1) {
                Map<String, Long> add = new LinkedHashMap<>();
                add.put("first_responses", 1L);
                add.put("frt_sum", seconds);
                add.put("frt_b" + Rollups.bucket(seconds), 1L);
                add.put("sla_total", 1L);
                add.put("sla_met", met ? 1L : 0L);
                rollups.day(row.day(), row.department(), row.channel(), reply.agentId(), row.region(), add);
                rollups.hour(row.day(), row.hour(), row.department(), row.channel(),
                        Map.of("first_responses", 1L, "frt_sum", seconds));
            }
        });
    }

    @Async
    @TransactionalEventListener
    void on(ConversationClosed closed) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(closed.conversationId());
            long seconds = Math.max(0, Duration.between(row.createdAt(), closed.at()).toSeconds());
            int moved = jdbc.sql("""
                    update report_conversation set closed_seconds = ?, close_reason = ?
                    where conversation_id = ? and close_reason is null""")
                    .params(seconds, closed.reason().wire(), closed.conversationId()).update();
            if (moved == 1) {
                Map<String, Long> add = new LinkedHashMap<>();
                add.put("closed", 1L);
                add.put(closed.reason() == CloseReason.CONFIRMED ? "confirmed" : "auto_closed", 1L);
                add.put("resolution_sum", seconds);
                rollups.day(row.day(), row.department(), row.channel(),
                        closed.agentId() == null ? 0 : closed.agentId(), row.region(), add);
            }
        });
    }

    @Async
    @TransactionalEventListener
    void on(ConversationReopened reopened) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(reopened.conversationId());
            int moved = jdbc.sql("update report_conversation set reopened = ? where conversation_id = ? and reopened < ?")
                    .params(reopened.reopenCount(), reopened.conversationId(), reopened.reopenCount()).update();
            if (moved == 1) {
                rollups.day(row.day(), row.department(), row.channel(),
                        reopened.previousAgentId() == null ? 0 : reopened.previousAgentId(), row.region(),
                        Map.of("reopened", 1L));
            }
        });
    }

    @Async
    @TransactionalEventListener
    void on(ConversationOverflowed overflowed) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(overflowed.conversationId());
            if (jdbc.sql("update report_conversation set overflowed = true where conversation_id = ?"
                    + " and overflowed = false").param(overflowed.conversationId()).update() == 1) {
                rollups.day(row.day(), row.department(), row.channel(), 0, row.region(), Map.of("overflowed", 1L));
            }
        });
    }

    @Async
    @TransactionalEventListener
    void on(CsatSubmitted rating) {
        transactions.executeWithoutResult(tx -> {
            Row row = row(rating.conversationId());
            if (jdbc.sql("update report_conversation set csat_score = ? where conversation_id = ? and csat_score is null")
                    .params(rating.score(), rating.conversationId()).update() == 1) {
                rollups.day(row.day(), row.department(), row.channel(),
                        rating.agentId() == null ? 0 : rating.agentId(), row.region(),
                        Map.of("csat_count", 1L, "csat_positive", rating.score() >= 4 ? 1L : 0L,
                                "csat_sum", (long) rating.score()));
            }
        });
    }
}
