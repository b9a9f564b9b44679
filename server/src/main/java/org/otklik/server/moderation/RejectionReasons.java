package org.otklik.server.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The rejection reason templates: admins write them, moderators pick one when they reject. Never deleted. */
@Service
public class RejectionReasons {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{1,63}");

    private final JdbcClient jdbc;
    private final InstantSource clock;

    RejectionReasons(JdbcClient jdbc, InstantSource clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<RejectionReason> all() {
        return jdbc.sql("select * from ad_rejection_reason order by title, code").query(RejectionReasons::row).list();
    }

    public List<RejectionReason> active() {
        return all().stream().filter(RejectionReason::active).toList();
    }

    public Optional<RejectionReason> find(String key) {
        return jdbc.sql("select * from ad_rejection_reason where code = ?").param(key).query(RejectionReasons::row)
                .optional();
    }

    public RejectionReason get(String key) {
        return find(key).orElseThrow(() -> new NotFound("no rejection reason " + key));
    }

    /** An active reason by key, or a refusal naming {@code field}. */
    RejectionReason requireActive(String key, String field) {
        String valid = Require.text(key, field, 64);
        return find(valid).filter(RejectionReason::active).orElseThrow(() -> new InvalidInput(field,
                field + " must be the key of an active rejection reason: "
                        + active().stream().map(RejectionReason::key).toList()));
    }

    public RejectionReason create(String key, String title, String text, Boolean active) {
        String validKey = Require.text(key, "key", 64);
        if (!KEY.matcher(validKey).matches()) {
            throw new InvalidInput("key", "key must be 2-64 lower-case latin letters, digits, '-' or '_'");
        }
        try {
            jdbc.sql("insert into ad_rejection_reason (code, title, body, active, updated_at) values (?, ?, ?, ?, ?)")
                    .params(validKey, Require.text(title, "title", 200), checkedText(text),
                            active == null || active, Times.toDb(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new StateConflict("rejection reason " + validKey + " already exists");
        }
        return get(validKey);
    }

    /** Changes the title, text and whether it is offered; decisions already made keep the text they sent. */
    public RejectionReason update(String key, String title, String text, Boolean active) {
        int updated = jdbc.sql("update ad_rejection_reason set title = ?, body = ?, active = ?, updated_at = ?"
                        + " where code = ?")
                .params(Require.text(title, "title", 200), checkedText(text), Require.present(active, "active"),
                        Times.toDb(clock.instant()), key)
                .update();
        if (updated == 0) {
            throw new NotFound("no rejection reason " + key);
        }
        return get(key);
    }

    private static String checkedText(String text) {
        String valid = Require.text(text, "text", 4000);
        ReasonText.check(valid, "text");
        return valid;
    }

    private static RejectionReason row(ResultSet rs, int n) throws SQLException {
        return new RejectionReason(rs.getString("code"), rs.getString("title"), rs.getString("body"),
                rs.getBoolean("active"), Times.fromDb(rs, "updated_at"));
    }
}
