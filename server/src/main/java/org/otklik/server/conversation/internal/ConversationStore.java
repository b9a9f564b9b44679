package org.otklik.server.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.engine.lifecycle.ConversationState;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.routing.Priority;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.shared.BatchInsert;
import org.otklik.server.shared.InLists;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code conversation} table. */
@Repository
public class ConversationStore {

    private static final RowMapper<ConversationRow> ROW = ConversationStore::row;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ConversationStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Inserts these new conversations with one JDBC batch; their ids, in the same order (the rows' own are ignored). */
    public List<Long> insertAll(List<ConversationRow> rows) {
        return BatchInsert.returningIds(template, """
                insert into conversation (channel_id, contact_id, department, status, priority, preferred_agent_id,
                                          reopen_count, created_at, queued_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.stream().map(r -> new Object[] {r.channelId(),
                r.contactId(), r.state().department(), r.state().status().name(), r.priority().name(),
                r.preferredAgentId(), r.state().reopenCount(), Times.toDb(r.createdAt()), Times.toDb(r.state().queuedAt()),
                Times.toDb(r.createdAt())}).toList());
    }

    public Optional<ConversationRow> latestOfContact(long contactId) {
        return jdbc.sql("select * from conversation where contact_id = ? order by id desc fetch first 1 rows only")
                .param(contactId).query(ROW).optional();
    }

    /** The latest conversation of each of these contacts that has one, by contact id: one query for up to 500. */
    public Map<Long, ConversationRow> latestOfContacts(java.util.Collection<Long> contactIds) {
        Map<Long, ConversationRow> found = new java.util.HashMap<>();
        for (List<Long> chunk : InLists.chunks(contactIds)) {
            jdbc.sql("select * from conversation c where c.contact_id in " + InLists.placeholders(chunk.size())
                            + " and c.id = (select max(x.id) from conversation x where x.contact_id = c.contact_id)")
                    .params(chunk).query(ROW).list().forEach(r -> found.put(r.contactId(), r));
        }
        return found;
    }

    /** Saves these rows (a row may come more than once: the last state wins) with one JDBC batch. */
    public void saveAll(List<ConversationRow> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate(SAVE, rows.stream().map(r -> saveParams(r, now)).toList());
    }

    /** These rows (those that exist) by id, locked until the transaction ends, in id order: one query for 500. */
    public Map<Long, ConversationRow> lockAll(java.util.Collection<Long> ids) {
        Map<Long, ConversationRow> found = new LinkedHashMap<>();
        for (List<Long> chunk : InLists.chunks(new java.util.TreeSet<>(ids))) {
            jdbc.sql("select * from conversation where id in " + InLists.placeholders(chunk.size())
                    + " order by id for update").params(chunk).query(ROW).list().forEach(r -> found.put(r.id(), r));
        }
        return found;
    }

    /** The row, locked until the transaction ends, so concurrent steps on one conversation take turns. */
    public Optional<ConversationRow> lock(long id) {
        return jdbc.sql("select * from conversation where id = ? for update").param(id).query(ROW).optional();
    }

    private static final String SAVE = """
            update conversation set department = ?, status = ?, priority = ?, preferred_agent_id = ?,
                   assignee_id = ?, previous_assignee_id = ?, assignment_reason = ?, close_reason = ?,
                   reopen_count = ?,
                   queued_at = ?, assigned_at = ?, first_reply_at = ?, resolution_proposed_at = ?, closed_at = ?,
                   updated_at = ?
            where id = ?""";

    public void save(ConversationRow row, Instant now) {
        jdbc.sql(SAVE).params(saveParams(row, now)).update();
    }

    private static Object[] saveParams(ConversationRow row, Instant now) {
        ConversationState s = row.state();
        return new Object[] {s.department(), s.status().name(), row.priority().name(), row.preferredAgentId(),
                s.assignee(), s.previousAssignee(),
                row.assignmentReason(), s.closeReason() == null ? null : s.closeReason().name(),
                s.reopenCount(), Times.toDb(s.queuedAt()), Times.toDb(row.assignedAt()),
                Times.toDb(s.firstReplyAt()), Times.toDb(s.resolutionProposedAt()), Times.toDb(s.closedAt()),
                Times.toDb(now), row.id()};
    }

    public Optional<ConversationView> view(long id) {
        return jdbc.sql(VIEW_SQL + " where c.id = ?").param(id).query(ConversationStore::view).optional();
    }

    /** These conversations (those that exist), by id: one query for up to 500. */
    public Map<Long, ConversationView> views(java.util.Collection<Long> ids) {
        Map<Long, ConversationView> found = new java.util.HashMap<>();
        for (List<Long> chunk : InLists.chunks(ids)) {
            jdbc.sql(VIEW_SQL + " where c.id in " + InLists.placeholders(chunk.size())).params(chunk)
                    .query(ConversationStore::view).list().forEach(v -> found.put(v.id(), v));
        }
        return found;
    }

    public List<ConversationView> list(ConversationFilter filter) {
        StringBuilder sql = new StringBuilder(VIEW_SQL).append(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" and c.status = ?");
            params.add(filter.status().name());
        }
        if (filter.department() != null) {
            sql.append(" and c.department = ?");
            params.add(filter.department());
        }
        if (filter.channelId() != null) {
            sql.append(" and c.channel_id = ?");
            params.add(filter.channelId());
        }
        if (filter.assigneeId() != null) {
            sql.append(" and c.assignee_id = ?");
            params.add(filter.assigneeId());
        }
        if (filter.visibleDepartments() != null) {
            sql.append(" and (c.assignee_id = ? or c.previous_assignee_id = ?");
            params.add(filter.visibleAgent());
            params.add(filter.visibleAgent());
            if (!filter.visibleDepartments().isEmpty()) {
                sql.append(" or c.department in (")
                        .append(String.join(", ", filter.visibleDepartments().stream().map(d -> "?").toList()))
                        .append(")");
                params.addAll(filter.visibleDepartments());
            }
            sql.append(")");
        }
        sql.append(" order by c.id desc fetch first ").append(Math.max(1, filter.limit())).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(ConversationStore::view).list();
    }

    /** Proposals older than the cut-off: candidates for closing as auto_closed. */
    public List<Long> proposedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        select id from conversation where status = 'RESOLUTION_PROPOSED' and resolution_proposed_at <= ?
                        order by resolution_proposed_at fetch first %d rows only""".formatted(limit))
                .param(Times.toDb(cutoff)).query(Long.class).list();
    }

    public List<ConversationView> waiting() {
        return jdbc.sql(VIEW_SQL + " where c.status = 'WAITING' order by c.queued_at, c.id")
                .query(ConversationStore::view).list();
    }

    /** Open conversations held by an agent. */
    public List<ConversationView> held() {
        return jdbc.sql(VIEW_SQL + """
                 where c.status in ('ASSIGNED', 'AWAITING_USER', 'RESOLUTION_PROPOSED') and c.assignee_id is not null
                order by c.id""").query(ConversationStore::view).list();
    }

    /** How many conversations are in each status (for gauges). */
    public Map<ConversationStatus, Long> countByStatus() {
        Map<ConversationStatus, Long> counts = new LinkedHashMap<>();
        for (ConversationStatus status : ConversationStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as n from conversation group by status").query(rs -> {
            counts.put(ConversationStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        });
        return counts;
    }

    private static final String VIEW_SQL = """
            select c.*, p.external_id as contact_external_id, p.name as contact_name, p.vip as contact_vip
            from conversation c join contact p on p.id = c.contact_id""";

    private static ConversationState state(ResultSet rs) throws SQLException {
        String closeReason = rs.getString("close_reason");
        return new ConversationState(ConversationStatus.valueOf(rs.getString("status")), rs.getString("department"),
                Times.nullableLong(rs, "assignee_id"), Times.nullableLong(rs, "previous_assignee_id"),
                Times.fromDb(rs, "queued_at"), Times.fromDb(rs, "first_reply_at"),
                Times.fromDb(rs, "resolution_proposed_at"), Times.fromDb(rs, "closed_at"),
                closeReason == null ? null : CloseReason.valueOf(closeReason), rs.getInt("reopen_count"));
    }

    private static ConversationRow row(ResultSet rs, int n) throws SQLException {
        return new ConversationRow(rs.getLong("id"), rs.getString("channel_id"), rs.getLong("contact_id"),
                Priority.valueOf(rs.getString("priority")), Times.nullableLong(rs, "preferred_agent_id"),
                rs.getString("assignment_reason"),
                Times.fromDb(rs, "created_at"), Times.fromDb(rs, "assigned_at"), state(rs));
    }

    private static ConversationView view(ResultSet rs, int n) throws SQLException {
        ConversationState s = state(rs);
        return new ConversationView(rs.getLong("id"), rs.getString("channel_id"), rs.getLong("contact_id"),
                rs.getString("contact_external_id"), rs.getString("contact_name"), rs.getBoolean("contact_vip"),
                s.status(), s.department(), Priority.valueOf(rs.getString("priority")), s.assignee(),
                s.previousAssignee(), Times.nullableLong(rs, "preferred_agent_id"),
                rs.getString("assignment_reason"), s.closeReason(), s.reopenCount(), Times.fromDb(rs, "created_at"),
                s.queuedAt(), Times.fromDb(rs, "assigned_at"), s.firstReplyAt(), s.resolutionProposedAt(),
                s.closedAt(), Times.fromDb(rs, "updated_at"));
    }
}
