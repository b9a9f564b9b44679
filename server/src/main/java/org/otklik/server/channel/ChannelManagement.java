package org.otklik.server.channel;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Secrets;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates channels, and tells which channel a token or widget key belongs to. Tokens are stored only as hashes. */
@Service
public class ChannelManagement {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{1,63}");
    private static final RowMapper<Channel> ROW = (rs, n) -> new Channel(rs.getString("id"),
            ChannelType.valueOf(rs.getString("type")), rs.getString("name"), rs.getString("default_department"),
            rs.getString("widget_key"), rs.getBoolean("department_from_triage"), Times.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Departments departments;
    private final InstantSource clock;

    ChannelManagement(JdbcClient jdbc, Departments departments, InstantSource clock) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.clock = clock;
    }

    /**
     * @param id optional stable id (lower-case, digits, '-', '_'); generated when null
     */
    @Transactional
    public CreatedChannel create(String id, ChannelType type, String name, String defaultDepartment) {
        return create(id, type, name, defaultDepartment, true);
    }

    /**
     * @param departmentFromTriage let triage choose the department of new conversations (false for a channel that
     *                             serves one department, e.g. a payments page's widget)
     */
    @Transactional
    public CreatedChannel create(String id, ChannelType type, String name, String defaultDepartment,
                                 boolean departmentFromTriage) {
        String channelId = id == null ? type.wire() + "-" + Secrets.newId(4) : Require.text(id, "id", 64);
        if (!ID.matcher(channelId).matches()) {
            throw new InvalidInput("id", "id must be 2-64 lower-case letters, digits, '-' or '_'");
        }
        String validName = Require.text(name, "name", 200);
        String department = departments.requireKnown(
                defaultDepartment == null ? "other" : defaultDepartment, "defaultDepartment");
        String token = Secrets.newToken("otk_ch_");
        String widgetKey = type == ChannelType.WIDGET ? Secrets.newId(12) : null;
        try {
            jdbc.sql("""
                    insert into channel (id, type, name, default_department, token_hash, widget_key,
                                         department_from_triage, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(channelId, type.name(), validName, department, Secrets.sha256(token), widgetKey,
                            departmentFromTriage, Times.toDb(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new StateConflict("channel " + channelId + " already exists");
        }
        return new CreatedChannel(find(channelId).orElseThrow(), token);
    }

    /** Replaces a channel's token; the old one stops working at once. */
    @Transactional
    public CreatedChannel rotateToken(String channelId) {
        String token = Secrets.newToken("otk_ch_");
        int updated = jdbc.sql("update channel set token_hash = ? where id = ?")
                .params(Secrets.sha256(token), channelId).update();
        if (updated == 0) {
            throw new NotFound("no channel " + channelId);
        }
        return new CreatedChannel(find(channelId).orElseThrow(), token);
    }

    public Optional<Channel> find(String id) {
        return jdbc.sql("select * from channel where id = ?").param(id).query(ROW).optional();
    }

    public Channel get(String id) {
        return find(id).orElseThrow(() -> new NotFound("no channel " + id));
    }

    public List<Channel> all() {
        return jdbc.sql("select * from channel order by created_at, id").query(ROW).list();
    }

    public Optional<Channel> findByWidgetKey(String widgetKey) {
        if (widgetKey == null || widgetKey.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("select * from channel where widget_key = ? and type = 'WIDGET'").param(widgetKey)
                .query(ROW).optional();
    }

    /** The channel a bearer token belongs to, if any. */
    public Optional<ChannelIdentity> authenticate(String token) {
        if (token == null || !token.startsWith("otk_ch_")) {
            return Optional.empty();
        }
        return jdbc.sql("select id, type from channel where token_hash = ?").param(Secrets.sha256(token))
                .query((rs, n) -> new ChannelIdentity(rs.getString("id"), ChannelType.valueOf(rs.getString("type"))))
                .optional();
    }
}
