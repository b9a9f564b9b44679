package org.otklik.server.listening.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.otklik.server.listening.ListeningStream;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code listening_stream}; terms and exclusions are JSON arrays. */
@Repository
public class StreamStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    StreamStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ListeningStream> all() {
        return jdbc.sql("select * from listening_stream order by id").query(StreamStore::row).list();
    }

    public Optional<ListeningStream> find(String id) {
        return jdbc.sql("select * from listening_stream where id = ?").param(id).query(StreamStore::row).optional();
    }

    public void insert(ListeningStream s, Instant at) {
        jdbc.sql("""
                insert into listening_stream (id, name, terms, exclusions, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.name(), JSON.writeValueAsString(s.terms()), JSON.writeValueAsString(s.exclude()),
                        Times.toDb(at), Times.toDb(at))
                .update();
    }

    public boolean update(ListeningStream s, Instant at) {
        return jdbc.sql("update listening_stream set name = ?, terms = ?, exclusions = ?, updated_at = ? where id = ?")
                .params(s.name(), JSON.writeValueAsString(s.terms()), JSON.writeValueAsString(s.exclude()),
                        Times.toDb(at), s.id())
                .update() == 1;
    }

    public boolean delete(String id) {
        return jdbc.sql("delete from listening_stream where id = ?").param(id).update() == 1;
    }

    private static ListeningStream row(ResultSet rs, int n) throws SQLException {
        return new ListeningStream(rs.getString("id"), rs.getString("name"),
                JSON.readValue(rs.getString("terms"), STRINGS), JSON.readValue(rs.getString("exclusions"), STRINGS),
                Times.fromDb(rs, "updated_at"));
    }
}
