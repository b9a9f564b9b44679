package org.otklik.server.cannedreply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The canned reply library. */
@Service
public class CannedReplies {

    private final JdbcClient jdbc;
    private final Departments departments;
    private final InstantSource clock;

    CannedReplies(JdbcClient jdbc, Departments departments, InstantSource clock) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.clock = clock;
    }

    public List<CannedReply> all() {
        return jdbc.sql("select * from canned_reply order by title, id").query(CannedReplies::row).list();
    }

    /** Replies offered in these departments: their own plus those for every department. */
    public List<CannedReply> forDepartments(Collection<String> codes) {
        return all().stream().filter(r -> r.department() == null || codes.contains(r.department())).toList();
    }

    public Optional<CannedReply> find(long id) {
        return jdbc.sql("select * from canned_reply where id = ?").param(id).query(CannedReplies::row).optional();
    }

    public CannedReply get(long id) {
        return find(id).orElseThrow(() -> new NotFound("no canned reply " + id));
    }

    @Transactional
    public CannedReply create(String title, String body, String department) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into canned_reply (title, body, department, updated_at) values (?, ?, ?, ?)")
                .params(Require.text(title, "title", 200), checkedBody(body), checkedDepartment(department),
                        Times.toDb(clock.instant()))
                .update(keys, "id");
        return get(keys.getKey().longValue());
    }

    @Transactional
    public CannedReply update(long id, String title, String body, String department) {
        int updated = jdbc.sql("update canned_reply set title = ?, body = ?, department = ?, updated_at = ? where id = ?")
                .params(Require.text(title, "title", 200), checkedBody(body), checkedDepartment(department),
                        Times.toDb(clock.instant()), id)
                .update();
        if (updated == 0) {
            throw new NotFound("no canned reply " + id);
        }
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("delete from canned_reply where id = ?").param(id).update() == 0) {
            throw new NotFound("no canned reply " + id);
        }
    }

    private static String checkedBody(String body) {
        String valid = Require.text(body, "body", 5000);
        ReplyTemplate.check(valid, "body");
        return valid;
    }

    private String checkedDepartment(String department) {
        return department == null || department.isBlank() ? null : departments.requireKnown(department, "department");
    }

    private static CannedReply row(ResultSet rs, int n) throws SQLException {
        return new CannedReply(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
                rs.getString("department"), Times.fromDb(rs, "updated_at"));
    }
}
