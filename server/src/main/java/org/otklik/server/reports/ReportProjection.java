package org.otklik.server.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.reports.internal.Rollups;
import org.otklik.server.shared.DaemonLoop;
import org.otklik.server.shared.InLists;
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
 * once even across a crash (and across two nodes: rows are claimed with SKIP LOCKED). The batch's report rows are read
 * (and the missing ones made) with a query or two, and assignments, the events that come with nearly every message,
 * are written in one batch. Each other event first moves a guarded
 * field of the conversation's report row (null -> value) and adds to the rollups only when that move happened; the
 * additions of the whole batch are summed and written once per rollup row. Counts go to the day the conversation came
 * in, so a period's report describes the conversations received in it.
 */
@Component
class ReportProjection extends DaemonLoop {

    static final int BATCH = 500;
    /**
     * How long new events may wait for more to join their batch. Under load a batch per event cost a transaction,
     * the report rows' reads and the rollup updates for each; reports lag by this much more (under a second in all).
     */
    private static final long GATHER_MILLIS = 200;
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
            Map<Long, Row> rows = rows(batch.stream().map(Pending::conversationId).toList(), additions);
            // the latest assignee of each conversation, written in one batch: before any other kind of event (so
            // that each row sees its writes in the events' order) and at the end
            Map<Long, Long> assignees = new TreeMap<>();
            for (Pending event : batch) {
                Row row = rows.get(event.conversationId());
                if (row == null) {
                    continue; // the conversation is gone (cannot happen while conversations are never deleted)
                }
                if (event.kind() == ReportFeed.Kind.ASSIGNED) {
                    assignees.put(event.conversationId(), event.agentId());
                    continue;
                }
                if (event.kind() != ReportFeed.Kind.QUEUED) {
                    writeAssignees(assignees);
                }
                apply(event, row, additions);
            }
            writeAssignees(assignees);
            additions.apply();
            // one statement per id by its primary key, sent together (an IN list may be planned as a scan of a queue
            // table full of dead rows)
            jdbcTemplate.batchUpdate("delete from report_pending where id = ?",
                    batch.stream().map(p -> new Object[] {p.id()}).toList());
            return batch.size();
        });
        return done == null ? 0 : done;
    }

    private void writeAssignees(Map<Long, Long> assignees) {
        if (assignees.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("update report_conversation set agent_id = ? where conversation_id = ?",
                assignees.entrySet().stream().map(a -> new Object[] {a.getValue(), a.getKey()}).toList());
        assignees.clear();
    }

    private void apply(Pending e, Row row, Rollups.Batch additions) {
        long agent = e.agentId() == null ? 0 : e.agentId();
        switch (e.kind()) {
            case QUEUED, ASSIGNED -> {
                // QUEUED: counted as received when its report row was made; ASSIGNED: written by writeAssignees
            }
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

    /**
     * The conversations' report rows, read with one query; the rows missing are made (each conversation counted as
     * received) from the conversations as they came in, with their contacts' regions, with one more query and one
     * batch of inserts.
     */
    private Map<Long, Row> rows(List<Long> conversationIds, Rollups.Batch additions) {
        Map<Long, Row> rows = new HashMap<>();
        for (List<Long> chunk : InLists.chunks(conversationIds)) {
            jdbc.sql("select conversation_id, created_at, on_day, department, channel_id, region"
                            + " from report_conversation where conversation_id in " + InLists.placeholders(chunk.size()))
                    .params(chunk).query(rs -> {
                        Instant created = Times.fromDb(rs, "created_at");
                        rows.put(rs.getLong("conversation_id"), new Row(rs.getDate("on_day").toLocalDate(),
                                created.atZone(properties.zone()).getHour(), rs.getString("department"),
                                rs.getString("channel_id"), rs.getString("region"), created));
                    });
        }
        List<Long> missing = conversationIds.stream().distinct().filter(id -> !rows.containsKey(id)).sorted().toList();
        Map<Long, Row> made = new TreeMap<>();
        for (List<Long> chunk : InLists.chunks(missing)) {
            jdbc.sql("select c.id, c.created_at, c.department, c.channel_id, ct.region from conversation c"
                            + " join contact ct on ct.id = c.contact_id where c.id in "
                            + InLists.placeholders(chunk.size()))
                    .params(chunk).query(rs -> {
                        Instant created = Times.fromDb(rs, "created_at");
                        ZonedDateTime local = created.atZone(properties.zone());
                        String region = rs.getString("region");
                        made.put(rs.getLong("id"), new Row(local.toLocalDate(), local.getHour(),
                                rs.getString("department"), rs.getString("channel_id"), region == null ? "" : region,
                                created));
                    });
        }
        if (made.isEmpty()) {
            return rows;
        }
        String insert = """
                insert into report_conversation (conversation_id, created_at, on_day, department, channel_id, region,
                                                 reopened, overflowed) values (?, ?, ?, ?, ?, ?, 0, false)""";
        Map<Long, Row> inserted = made;
        // all at once; when another node made one of them meanwhile, one by one, counting only the ones made here
        if (!rollups.insertOnce(() -> jdbcTemplate.batchUpdate(insert, made.entrySet().stream()
                .map(m -> values(m.getKey(), m.getValue())).toList()))) {
            inserted = new TreeMap<>();
            for (Map.Entry<Long, Row> m : made.entrySet()) {
                if (rollups.insertOnce(() -> jdbcTemplate.update(insert, values(m.getKey(), m.getValue())))) {
                    inserted.put(m.getKey(), m.getValue());
                }
            }
        }
        inserted.values().forEach(row -> {
            additions.day(row.day(), row.department(), row.channel(), 0, row.region(), Map.of("received", 1L));
            additions.hour(row.day(), row.hour(), row.department(), row.channel(), Map.of("received", 1L));
        });
        rows.putAll(made);
        return rows;
    }

    private static Object[] values(long conversationId, Row row) {
        return new Object[] {conversationId, Times.toDb(row.createdAt()), row.day(), row.department(), row.channel(),
                row.region()};
    }

    @Override
    protected void loop() {
        while (running()) {
            try {
                if (projectBatch() < BATCH) {
                    if (work.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                        // events came: let those of the next moments join them, one batch (and transaction) for all
                        Thread.sleep(GATHER_MILLIS);
                    }
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
