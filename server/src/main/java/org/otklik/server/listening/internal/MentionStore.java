package org.otklik.server.listening.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.otklik.server.listening.MentionIn;
import org.otklik.server.listening.MentionView;
import org.otklik.server.shared.Times;
import org.otklik.server.triage.Labels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for mentions, their streams and their public replies. */
@Repository
public class MentionStore {

    private final JdbcClient jdbc;

    MentionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the mention already stored for this post, if any. */
    public Optional<Long> idOf(String channelId, String sourceId) {
        return jdbc.sql("select id from mention where channel_id = ? and source_id = ?").params(channelId, sourceId)
                .query(Long.class).optional();
    }

    /** Inserts the mention; the unique (channel, source id) constraint refuses a second one. */
    public long insert(MentionIn m, Labels l, boolean actionable, Map<String, Set<String>> streams, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into mention (channel_id, source_id, source, author_external_id, author_name, url, body,
                                     published_at, received_at, kind, department, private_data, profanity, outage,
                                     lang, actionable, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new')""")
                .params(m.channelId(), m.sourceId(), m.source(), m.authorExternalId(), m.authorName(), m.url(),
                        m.text(), Times.toDb(m.publishedAt()), Times.toDb(at), l.kind(), l.department(),
                        l.isPrivate(), l.profanity(), l.outage(), l.lang(), actionable)
                .update(key, "id");
        long id = key.getKey().longValue();
        streams.forEach((stream, terms) -> jdbc.sql(
                        "insert into mention_stream (mention_id, stream_id, terms) values (?, ?, ?)")
                .params(id, stream, String.join("\n", terms)).update());
        return id;
    }

    public Optional<MentionView> find(long id) {
        List<MentionView> found = load("where m.id = ?", List.of(id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /**
     * Mentions, newest first within their group: the open actionable ones first, then the rest.
     *
     * @param stream     only this stream, or null
     * @param status     only this status, or null
     * @param actionable only actionable (true), only the rest (false), or both (null)
     */
    public List<MentionView> list(String stream, String status, Boolean actionable, int limit) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (stream != null) {
            where.append(" and m.id in (select mention_id from mention_stream where stream_id = ?)");
            params.add(stream);
        }
        if (status != null) {
            where.append(" and m.status = ?");
            params.add(status);
        }
        if (actionable != null) {
            where.append(" and m.actionable = ?");
            params.add(actionable);
        }
        return load(where.toString(), params, limit);
    }

    /** Counts of mentions received in [from, to) by stream and kind. */
    public Map<String, Map<String, Integer>> countsByStreamAndKind(Instant from, Instant to) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        jdbc.sql("""
                        select s.stream_id, m.kind, count(*) as n from mention m
                        join mention_stream s on s.mention_id = m.id
                        where m.received_at >= ? and m.received_at < ? group by s.stream_id, m.kind""")
                .params(Times.toDb(from), Times.toDb(to))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("stream_id"), k -> new TreeMap<>())
                            .put(rs.getString("kind"), rs.getInt("n"));
                });
        return out;
    }

    /** Per day (in the zone's calendar, as the given day keys) and stream: actionable mentions and how many handled. */
    public List<Map<String, Object>> actionableByStream(Instant from, Instant to) {
        return jdbc.sql("""
                        select m.id, s.stream_id, m.received_at, m.status from mention m
                        join mention_stream s on s.mention_id = m.id
                        where m.actionable = true and m.received_at >= ? and m.received_at < ?""")
                .params(Times.toDb(from), Times.toDb(to))
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("stream", rs.getString("stream_id"));
                    row.put("receivedAt", Times.fromDb(rs, "received_at"));
                    row.put("status", rs.getString("status"));
                    return row;
                }).list();
    }

    /** Marks an open mention handled; false when it was not open any more (someone was faster). */
    public boolean handle(long id, String status, String closeReason, long agentId, Long conversationId, Instant at) {
        return jdbc.sql("""
                        update mention set status = ?, close_reason = ?, handled_by = ?, handled_at = ?,
                                           conversation_id = ?
                        where id = ? and status = 'new'""")
                .params(status, closeReason, agentId, Times.toDb(at), conversationId, id)
                .update() == 1;
    }

    public long reply(long mentionId, String text, long agentId, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into mention_reply (mention_id, body, agent_id, created_at) values (?, ?, ?, ?)")
                .params(mentionId, text, agentId, Times.toDb(at)).update(key, "id");
        return key.getKey().longValue();
    }

    /** Public replies to this channel's mentions with ids above {@code after}, oldest first: the channel's outbox. */
    public List<Map<String, Object>> outbox(String channelId, long after, int limit) {
        return jdbc.sql("""
                        select r.id, r.mention_id, r.body, r.created_at, m.source_id, m.url from mention_reply r
                        join mention m on m.id = r.mention_id
                        where m.channel_id = ? and r.id > ? order by r.id""" + " limit " + Math.max(1, limit))
                .params(channelId, after)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("replyId", rs.getLong("id"));
                    row.put("mentionId", rs.getLong("mention_id"));
                    row.put("sourceId", rs.getString("source_id"));
                    row.put("url", rs.getString("url"));
                    row.put("text", rs.getString("body"));
                    row.put("createdAt", Times.fromDb(rs, "created_at"));
                    return row;
                }).list();
    }

    private List<MentionView> load(String where, List<Object> params, int limit) {
        List<MentionView> mentions = new ArrayList<>();
        jdbc.sql("select m.* from mention m " + where
                        + " order by case when m.actionable = true and m.status = 'new' then 0 else 1 end,"
                        + " m.received_at desc, m.id desc limit " + Math.max(1, limit))
                .params(params)
                .query(rs -> {
                    mentions.add(row(rs));
                });
        if (mentions.isEmpty()) {
            return mentions;
        }
        List<Long> ids = mentions.stream().map(MentionView::id).toList();
        String in = String.join(",", ids.stream().map(i -> "?").toList());
        Map<Long, Map<String, List<String>>> streams = new LinkedHashMap<>();
        jdbc.sql("select * from mention_stream where mention_id in (" + in + ") order by stream_id").params(ids)
                .query(rs -> {
                    streams.computeIfAbsent(rs.getLong("mention_id"), k -> new TreeMap<>())
                            .put(rs.getString("stream_id"), List.of(rs.getString("terms").split("\n")));
                });
        Map<Long, List<MentionView.Reply>> replies = new LinkedHashMap<>();
        jdbc.sql("select * from mention_reply where mention_id in (" + in + ") order by id").params(ids)
                .query(rs -> {
                    replies.computeIfAbsent(rs.getLong("mention_id"), k -> new ArrayList<>())
                            .add(new MentionView.Reply(rs.getLong("id"), rs.getString("body"),
                                    Times.nullableLong(rs, "agent_id"), Times.fromDb(rs, "created_at")));
                });
        List<MentionView> out = new ArrayList<>(mentions.size());
        for (MentionView m : mentions) {
            out.add(new MentionView(m.id(), m.channelId(), m.sourceId(), m.source(), m.authorExternalId(),
                    m.authorName(), m.url(), m.text(), m.publishedAt(), m.receivedAt(), m.kind(), m.department(),
                    m.isPrivate(), m.profanity(), m.outage(), m.lang(), m.actionable(), m.status(), m.closeReason(),
                    m.handledBy(), m.handledAt(), m.conversationId(), streams.getOrDefault(m.id(), Map.of()),
                    replies.getOrDefault(m.id(), List.of())));
        }
        return out;
    }

    private static MentionView row(ResultSet rs) throws SQLException {
        return new MentionView(rs.getLong("id"), rs.getString("channel_id"), rs.getString("source_id"),
                rs.getString("source"), rs.getString("author_external_id"), rs.getString("author_name"),
                rs.getString("url"), rs.getString("body"), Times.fromDb(rs, "published_at"),
                Times.fromDb(rs, "received_at"), rs.getString("kind"), rs.getString("department"),
                rs.getBoolean("private_data"), rs.getBoolean("profanity"), rs.getString("outage"),
                rs.getString("lang"), rs.getBoolean("actionable"), rs.getString("status"),
                rs.getString("close_reason"), Times.nullableLong(rs, "handled_by"), Times.fromDb(rs, "handled_at"),
                Times.nullableLong(rs, "conversation_id"), Map.of(), List.of());
    }
}
