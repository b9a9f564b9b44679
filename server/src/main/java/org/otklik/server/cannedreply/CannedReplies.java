package org.otklik.server.cannedreply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.InvalidInput;
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
    private final AtomicLong version = new AtomicLong();

    CannedReplies(JdbcClient jdbc, Departments departments, InstantSource clock) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.clock = clock;
    }

    /** Changes with every create, update and delete (in this process), so that caches know when to rebuild. */
    public long version() {
        return version.get();
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
        return create(title, body, department, null);
    }

    @Transactional
    public CannedReply create(String title, String body, String department, String purpose) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into canned_reply (title, body, department, purpose, updated_at) values (?, ?, ?, ?, ?)")
                .params(Require.text(title, "title", 200), checkedBody(body), checkedDepartment(department),
                        checkedPurpose(purpose), Times.toDb(clock.instant()))
                .update(keys, "id");
        version.incrementAndGet();
        return get(keys.getKey().longValue());
    }

    @Transactional
    public CannedReply update(long id, String title, String body, String department) {
        return update(id, title, body, department, get(id).purpose());
    }

    @Transactional
    public CannedReply update(long id, String title, String body, String department, String purpose) {
        int updated = jdbc.sql("""
                        update canned_reply set title = ?, body = ?, department = ?, purpose = ?, updated_at = ?
                        where id = ?""")
                .params(Require.text(title, "title", 200), checkedBody(body), checkedDepartment(department),
                        checkedPurpose(purpose), Times.toDb(clock.instant()), id)
                .update();
        if (updated == 0) {
            throw new NotFound("no canned reply " + id);
        }
        version.incrementAndGet();
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("delete from canned_reply where id = ?").param(id).update() == 0) {
            throw new NotFound("no canned reply " + id);
        }
        version.incrementAndGet();
    }

    private static String checkedBody(String body) {
        String valid = Require.text(body, "body", 5000);
        ReplyTemplate.check(valid, "body");
        return valid;
    }

    /** The replies an agent is offered for a situation ({@link CannedReply#PURPOSES}) in a department. */
    public List<CannedReply> forPurpose(String purpose, String department) {
        return all().stream().filter(r -> purpose.equals(r.purpose()))
                .filter(r -> r.department() == null || r.department().equals(department)).toList();
    }

    private static String checkedPurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return null;
        }
        if (!CannedReply.PURPOSES.contains(purpose)) {
            throw new InvalidInput("purpose", "purpose must be one of " + CannedReply.PURPOSES);
        }
        return purpose;
    }

    private String checkedDepartment(String department) {
        return department == null || department.isBlank() ? null : departments.requireKnown(department, "department");
    }

    private static CannedReply row(ResultSet rs, int n) throws SQLException {
        return new CannedReply(rs.getLong("id"), rs.getString("title"), rs.getString("body"),
                rs.getString("department"), rs.getString("purpose"), Times.fromDb(rs, "updated_at"));
    }
}
