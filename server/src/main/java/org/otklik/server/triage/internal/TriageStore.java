package org.otklik.server.triage.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.server.shared.DeferredInserts;
import org.otklik.server.shared.Times;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.MessageLabels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code message_triage} and {@code triage_correction}. */
@Repository
public class TriageStore {

    private static final String SELECT = """
            select t.*, c.kind as c_kind, c.department as c_department, c.private_data as c_private_data,
                   c.profanity as c_profanity, c.outage as c_outage, c.lang as c_lang, c.message_id as c_message_id
            from message_triage t left join triage_correction c on c.message_id = t.message_id""";

    private final JdbcClient jdbc;
    private final DeferredInserts deferred;

    TriageStore(JdbcClient jdbc, DeferredInserts deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    /** Written with the transaction's other labels in one batch, just before it commits. */
    public void insert(long messageId, long conversationId, Labels l, Instant at) {
        deferred.add("""
                insert into message_triage (message_id, conversation_id, source, kind, department, private_data,
                                            profanity, outage, lang, translit, confidence, triaged_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", messageId, conversationId, l.source(), l.kind(),
                l.department(), l.isPrivate(), l.profanity(), l.outage(), l.lang(), l.translit(),
                encode(l.confidence()), Times.toDb(at));
    }

    public Optional<MessageLabels> find(long messageId) {
        return jdbc.sql(SELECT + " where t.message_id = ?").param(messageId).query(TriageStore::row).optional();
    }

    public List<MessageLabels> ofConversation(long conversationId) {
        return jdbc.sql(SELECT + " where t.conversation_id = ? order by t.message_id").param(conversationId)
                .query(TriageStore::row).list();
    }

    /** Saves an agent's correction, replacing an earlier one. */
    public void correct(long messageId, Labels l, long agentId, Instant at) {
        jdbc.sql("delete from triage_correction where message_id = ?").param(messageId).update();
        jdbc.sql("""
                insert into triage_correction (message_id, kind, department, private_data, profanity, outage, lang,
                                               agent_id, corrected_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(messageId, l.kind(), l.department(), l.isPrivate(), l.profanity(), l.outage(), l.lang(),
                        agentId, Times.toDb(at))
                .update();
    }

    /** Every correction with its text, oldest first, as labelled rows. */
    public List<Map<String, Object>> corrections() {
        return jdbc.sql("""
                        select c.*, m.body, t.source from triage_correction c
                        join message m on m.id = c.message_id join message_triage t on t.message_id = c.message_id
                        order by c.corrected_at, c.message_id""")
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", "correction-" + rs.getLong("message_id"));
                    row.put("channel", rs.getString("source") == null ? "web_chat" : rs.getString("source"));
                    row.put("text", rs.getString("body"));
                    row.put("kind", rs.getString("kind"));
                    row.put("department", rs.getString("department"));
                    row.put("private", rs.getBoolean("private_data"));
                    row.put("profanity", rs.getBoolean("profanity"));
                    row.put("outage", rs.getString("outage"));
                    row.put("lang", rs.getString("lang"));
                    row.put("translit", false);
                    row.put("mixed", false);
                    row.put("hard", true);
                    row.put("note", "corrected by an agent");
                    return row;
                }).list();
    }

    private static MessageLabels row(ResultSet rs, int n) throws SQLException {
        String source = rs.getString("source");
        Labels predicted = new Labels(rs.getString("kind"), rs.getString("department"), rs.getBoolean("private_data"),
                rs.getBoolean("profanity"), rs.getString("outage"), rs.getString("lang"), rs.getBoolean("translit"),
                decode(rs.getString("confidence")), source);
        Labels corrected = null;
        rs.getLong("c_message_id");
        if (!rs.wasNull()) {
            corrected = new Labels(rs.getString("c_kind"), rs.getString("c_department"),
                    rs.getBoolean("c_private_data"), rs.getBoolean("c_profanity"), rs.getString("c_outage"),
                    rs.getString("c_lang"), false, Map.of(), source);
        }
        return new MessageLabels(rs.getLong("message_id"), rs.getLong("conversation_id"), predicted, corrected);
    }

    /** "kind=0.91;department=0.88" - small enough not to need JSON. */
    static String encode(Map<String, Double> confidence) {
        StringBuilder s = new StringBuilder();
        confidence.forEach((k, v) -> s.append(s.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return s.toString();
    }

    static Map<String, Double> decode(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                m.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            }
        }
        return m;
    }
}
