package org.otklik.server.listening.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.otklik.server.listening.MentionDigest;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code listening_digest}. */
@Repository
public class DigestStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    DigestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(Instant periodEnd) {
        return jdbc.sql("select count(*) from listening_digest where period_end = ?").param(Times.toDb(periodEnd))
                .query(Integer.class).single() > 0;
    }

    public long insert(Instant start, Instant end, Instant at, Map<String, Object> content) {
        jdbc.sql("insert into listening_digest (period_start, period_end, created_at, body) values (?, ?, ?, ?)")
                .params(Times.toDb(start), Times.toDb(end), Times.toDb(at), JSON.writeValueAsString(content))
                .update();
        return jdbc.sql("select id from listening_digest where period_end = ?").param(Times.toDb(end))
                .query(Long.class).single();
    }

    public void emailed(long id, String to) {
        jdbc.sql("update listening_digest set emailed_to = ? where id = ?").params(to, id).update();
    }

    public List<MentionDigest> recent(int limit) {
        return jdbc.sql("select * from listening_digest order by period_end desc limit " + Math.max(1, limit))
                .query((rs, n) -> new MentionDigest(rs.getLong("id"), Times.fromDb(rs, "period_start"),
                        Times.fromDb(rs, "period_end"), Times.fromDb(rs, "created_at"),
                        JSON.readValue(rs.getString("body"), new TypeReference<Map<String, Object>>() {
                        }), rs.getString("emailed_to")))
                .list();
    }
}
