package org.otklik.server.department;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The department catalogue. */
@Service
public class Departments {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{1,31}");

    private final JdbcClient jdbc;
    /** Codes known to exist (departments are never deleted), read on every inbound message. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    Departments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Department> all() {
        return jdbc.sql("select code, name from department order by code")
                .query((rs, n) -> new Department(rs.getString("code"), rs.getString("name"))).list();
    }

    public Optional<Department> find(String code) {
        return jdbc.sql("select code, name from department where code = ?").param(code)
                .query((rs, n) -> new Department(rs.getString("code"), rs.getString("name"))).optional();
    }

    public boolean exists(String code) {
        if (code == null) {
            return false;
        }
        if (known.contains(code)) {
            return true;
        }
        boolean found = find(code).isPresent();
        if (found) {
            known.add(code);
        }
        return found;
    }

    /** Fails with {@link InvalidInput} on {@code field} unless the code names a department. */
    public String requireKnown(String code, String field) {
        if (!exists(code)) {
            throw new InvalidInput(field, field + " must be one of " + all().stream().map(Department::code).toList());
        }
        return code;
    }

    public Department create(String code, String name) {
        String validCode = Require.text(code, "code", 32);
        if (!CODE.matcher(validCode).matches()) {
            throw new InvalidInput("code", "code must be 2-32 lower-case letters, digits, '-' or '_'");
        }
        String validName = Require.text(name, "name", 200);
        try {
            jdbc.sql("insert into department (code, name) values (?, ?)").params(validCode, validName).update();
        } catch (DuplicateKeyException e) {
            throw new StateConflict("department " + validCode + " already exists");
        }
        return new Department(validCode, validName);
    }
}
