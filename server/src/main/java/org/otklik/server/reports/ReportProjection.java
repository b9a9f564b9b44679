package org.otklik.server.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.reports.internal.Rollups;
import org.otklik.server.shared.DaemonLoop;
import org.otklik.server.shared.Times;
import org.otklik.server.sla.SlaPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the report projections from the events in {@code report_pending} ({@link ReportFeed}): one thread takes up
 * to {@value #BATCH} of them in order, applies them and deletes them in one transaction, so each is counted exactly
 * once even across a crash (and across two nodes: rows are claimed with SKIP LOCKED). Each event first moves a guarded
 * field of the conversation's report row (null -> value) and adds to the rollups only when that move happened; the
 * additions of the whole batch are summed and written once per rollup row. Counts go to the day the conversation came
 * in, so a period's report describes the conversations received in it.
 */
@Component
class ReportProjection extends DaemonLoop {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(ReportProjection.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Rollups rollups;
    private final ConversationManagement conversations;
    private final SlaPolicies sla;
    private final ReportsProperties properties;
    private final TransactionTemplate transactions;
    private final Semaphore work = new Semaphore(0);

    ReportProjection(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Rollups rollups, ConversationManagement conversations, SlaPolicies sla,
                     ReportsProperties properties, TransactionTemplate transactions) {
        super("otklik-report-projection");
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.rollups = rollups;
        this.conversations = conversations;
        this.sla = sla;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** New events were committed: project them soon. */
    void nudge() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    private record Pending(long id, ReportFeed.Kind kind, long conversationId, Long agentId, Instant at,
                           String reason, Integer amount) {
    }

    /** The conversation's report row: its day and dimensions, as they were when it came in. */
    private record Row(java.time.LocalDate day, int hour, String department, String channel, String region,
                       Instant createdAt) {
    }

    /** Applies one batch of pending events; answers how many there were. */
    int projectBatch() {
        Integer done = transactions.execute(tx -> {
            List<Pending> batch = jdbc.sql("""
                    select * from report_pending order by id fetch first %d rows only for update skip locked"""
                            .formatted(BATCH))
                    .query((rs, n) -> new Pending(rs.getLong("id"), ReportFeed.Kind.valueOf(rs.getString("kind")),
                            rs.getLong("conversation_id"), Times.nullableLong(rs, "agent_id"),
                            Times.fromDb(rs, "occurred_at"), rs.getString("reason"),
                            (Integer) rs.getObject("amount", Integer.class)))
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            Rollups.Batch additions = rollups.batch();
            Map<Long, Row> rows = new HashMap<>();
            for (Pending event : batch) {
                apply(event, rows, additions);
            }
            additions.apply();
            // one statement per id by its primary key, sent together (an IN list may be planned as a scan of a queue
            // table full of dead rows)
            jdbcTemplate.batchUpdate("delete from report_pending where id = ?",
                    batch.stream().map(p -> new Object[] {p.id()}).toList());
            return batch.size();
        });
        return done == null ? 0 : done;
    }

    private void apply(Pending e, Map<Long, Row> rows, Rollups.Batch additions) {
        Row row = rows.computeIfAbsent(e.conversationId(), id -> row(id, additions));
        if (row == null) {
            return; // the conversation is gone (cannot happen while conversations are never deleted)
        }
        long agent = e.agentId() == null ? 0 : e.agentId();
        switch (e.kind()) {
            case QUEUED -> {
                // counted as received when its report row was made
            }
            case ASSIGNED -> jdbc.sql("update report_conversation set agent_id = ? where conversation_id = ?")
                    .params(e.agentId(), e.conversationId()).update();
            case FIRST_REPLY -> {
                ConversationView c = conversations.get(e.conversationId());
                long seconds = Math.max(0, Duration.between(c.queuedAt() == null ? c.createdAt() : c.queuedAt(),
                        e.at()).toSeconds());
                boolean met = sla.firstResponseMet(c, e.at());
                if (jdbc.sql("""
                        update report_conversation set first_response_seconds = ?, sla_first_met = ?, agent_id = ?
                        where conversation_id = ? and first_response_seconds is null""")
                        .params(seconds, met, e.agentId(), e.conversationId()).update() == 1) {
                    Map<String, Long> add = new LinkedHashMap<>();
                    add.put("first_responses", 1L);
                    add.put("frt_sum", seconds);
                    add.put("frt_b" + Rollups.bucket(seconds), 1L);
                    add.put("sla_total", 1L);
                    add.put("sla_met", met ? 1L : 0L);
                    additions.day(row.day(), row.department(), row.channel(), agent, row.region(), add);
                    additions.hour(row.day(), row.hour(), row.department(), row.channel(),
                            Map.of("first_responses", 1L, "frt_sum", seconds));
                }
            }
            case CLOSED -> {
                long seconds = Math.max(0, Duration.between(row.createdAt(), e.at()).toSeconds());
                CloseReason reason = CloseReason.fromWire(e.reason());
                if (jdbc.sql("""
                        update report_conversation set closed_seconds = ?, close_reason = ?
                        where conversation_id = ? and close_reason is null""")
                        .params(seconds, e.reason(), e.conversationId()).update() == 1) {
                    Map<String, Long> add = new LinkedHashMap<>();
                    if (reason == CloseReason.ABANDONED) {
                        add.put("abandoned", 1L); // left while waiting: not a resolution
                    } else {
                        ConversationView c = conversations.get(e.conversationId());
                        SlaPolicies.Attainment attained = sla.attainment(c,
                                conversations.messages(e.conversationId(), 0, 10_000), e.at());
                        add.put("closed", 1L);
                        add.put(reason == CloseReason.CONFIRMED ? "confirmed" : "auto_closed", 1L);
                        add.put("resolution_sum", seconds);
                        add.put("resolution_total", 1L);
                        add.put("resolution_met", attained.resolutionMet() ? 1L : 0L);
                        add.put("next_total", (long) attained.nextResponses());
                        add.put("next_met", (long) attained.nextResponsesMet());
                    }
                    additions.day(row.day(), row.department(), row.channel(), agent, row.region(), add);
                }
            }
            case REOPENED -> {
                if (jdbc.sql("update report_conversation set reopened = ? where conversation_id = ? and reopened < ?")
                        .params(e.amount(), e.conversationId(), e.amount()).update() == 1) {
                    additions.day(row.day(), row.department(), row.channel(), agent, row.region(),
                            Map.of("reopened", 1L));
                }
            }
            case OVERFLOWED -> {
                if (jdbc.sql("update report_conversation set overflowed = true where conversation_id = ?"
                        + " and overflowed = false").param(e.conversationId()).update() == 1) {
                    additions.day(row.day(), row.department(), row.channel(), 0, row.region(),
                            Map.of("overflowed", 1L));
                }
            }
            case CSAT -> {
                int score = e.amount();
                if (jdbc.sql("update report_conversation set csat_score = ? where conversation_id = ?"
                                + " and csat_score is null").params(score, e.conversationId()).update() == 1) {
                    additions.day(row.day(), row.department(), row.channel(), agent, row.region(),
                            Map.of("csat_count", 1L, "csat_positive", score >= 4 ? 1L : 0L, "csat_sum",
                                    (long) score));
                }
            }
        }
    }

    /** The row, made (and the conversation counted as received) the first time it is needed. */
    private Row row(long conversationId, Rollups.Batch additions) {
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
        // the conversation as it came in, with its contact's region, in one read
        Row row = jdbc.sql("""
                        select c.created_at, c.department, c.channel_id, ct.region from conversation c
                        join contact ct on ct.id = c.contact_id where c.id = ?""").param(conversationId)
                .query((rs, n) -> {
                    Instant created = Times.fromDb(rs, "created_at");
                    ZonedDateTime local = created.atZone(properties.zone());
                    String region = rs.getString("region");
                    return new Row(local.toLocalDate(), local.getHour(), rs.getString("department"),
                            rs.getString("channel_id"), region == null ? "" : region, created);
                }).optional().orElse(null);
        if (row == null) {
            return null;
        }
        boolean inserted = rollups.insertOnce(() -> jdbc.sql("""
                insert into report_conversation (conversation_id, created_at, on_day, department, channel_id, region,
                                                 reopened, overflowed) values (?, ?, ?, ?, ?, ?, 0, false)""")
                .params(conversationId, Times.toDb(row.createdAt()), row.day(), row.department(), row.channel(),
                        row.region()).update());
        if (inserted) {
            additions.day(row.day(), row.department(), row.channel(), 0, row.region(), Map.of("received", 1L));
            additions.hour(row.day(), row.hour(), row.department(), row.channel(), Map.of("received", 1L));
        }
        return row;
    }

    @Override
    protected void loop() {
        while (running()) {
            try {
                if (projectBatch() < BATCH) {
                    work.tryAcquire(500, TimeUnit.MILLISECONDS);
                    work.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("reports: projecting events failed, trying again in 5 s: {}", e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

}
