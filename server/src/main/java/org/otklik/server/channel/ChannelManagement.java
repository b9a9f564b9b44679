package org.otklik.server.channel;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
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
import tools.jackson.databind.json.JsonMapper;

/** Creates channels, and tells which channel a token or widget key belongs to. Tokens are stored only as hashes. */
@Service
public class ChannelManagement {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{1,63}");
    private static final RowMapper<Channel> ROW = (rs, n) -> new Channel(rs.getString("id"),
            ChannelType.valueOf(rs.getString("type")), rs.getString("name"), rs.getString("default_department"),
            rs.getString("widget_key"), rs.getBoolean("department_from_triage"), Times.fromDb(rs, "created_at"));

    /**
     * Channels and token lookups read on every inbound request, kept for a few seconds. A channel is never changed
     * after creation; a rotated token is forgotten at once on this node and within {@link #REMEMBERED} on others.
     */
    private static final Duration REMEMBERED = Duration.ofSeconds(5);
    private final Cache<String, Channel> recentChannels = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(REMEMBERED).build();
    private final Cache<String, ChannelIdentity> recentTokens = Caffeine
            .newBuilder().maximumSize(10_000).expireAfterWrite(REMEMBERED).build();

    private final JdbcClient jdbc;
    private final Departments departments;
    private final InstantSource clock;
    private final SecretBox secrets;

    ChannelManagement(JdbcClient jdbc, Departments departments, InstantSource clock, SecretBox secrets) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.clock = clock;
        this.secrets = secrets;
    }

    /**
     * With {@code otklik.secrets.key} set, seals the settings still stored in clear (a database from before the key);
     * returns how many. Runs at start.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @Transactional
    public int sealSettingsInClear() {
        if (!secrets.enabled()) {
            return 0;
        }
        record Row(String id, String settings) {
        }
        List<Row> clear = jdbc.sql("select id, settings from channel where settings is not null"
                        + " and settings not like 'enc:%'").query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .list();
        for (Row row : clear) {
            jdbc.sql("update channel set settings = ? where id = ?").params(secrets.seal(row.settings()), row.id())
                    .update();
        }
        if (!clear.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(ChannelManagement.class)
                    .info("secrets: sealed the settings of {} channels stored in clear", clear.size());
        }
        return clear.size();
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
        return create(id, type, name, defaultDepartment, departmentFromTriage, Map.of());
    }

    /**
     * @param settings the platform's settings by their names ({@link ChannelSettings}); ignored for api and widget
     */
    @Transactional
    public CreatedChannel create(String id, ChannelType type, String name, String defaultDepartment,
                                 boolean departmentFromTriage, Map<String, ?> settings) {
        String channelId = id == null ? type.wire() + "-" + Secrets.newId(4) : Require.text(id, "id", 64);
        if (!ID.matcher(channelId).matches()) {
            throw new InvalidInput("id", "id must be 2-64 lower-case letters, digits, '-' or '_'");
        }
        String validName = Require.text(name, "name", 200);
        String department = departments.requireKnown(
                defaultDepartment == null ? "other" : defaultDepartment, "defaultDepartment");
        String token = Secrets.newToken("otk_ch_");
        String widgetKey = type == ChannelType.WIDGET ? Secrets.newId(12) : null;
        Map<String, String> platform = ChannelSettings.validated(type, settings == null ? Map.of() : settings);
        try {
            jdbc.sql("""
                    insert into channel (id, type, name, default_department, token_hash, widget_key,
                                         department_from_triage, created_at, settings)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(channelId, type.name(), validName, department, Secrets.sha256(token), widgetKey,
                            departmentFromTriage, Times.toDb(clock.instant()),
                            platform.isEmpty() ? null : secrets.seal(JSON.writeValueAsString(platform)))
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
        recentTokens.invalidateAll();
        int updated = jdbc.sql("update channel set token_hash = ? where id = ?")
                .params(Secrets.sha256(token), channelId).update();
        if (updated == 0) {
            throw new NotFound("no channel " + channelId);
        }
        return new CreatedChannel(find(channelId).orElseThrow(), token);
    }

    /** A platform channel's settings in clear, for its adapter only: never show or log them. */
    public Map<String, String> settings(String channelId) {
        String json = secrets.open(jdbc.sql("select settings from channel where id = ?").param(channelId)
                .query(String.class).optional().orElse(null));
        if (json == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    /** The settings to show: secrets masked. */
    public Map<String, String> maskedSettings(String channelId) {
        return ChannelSettings.masked(get(channelId).type(), settings(channelId));
    }

    /** Platform channels of a type, e.g. the mailboxes to poll. */
    public List<Channel> ofType(ChannelType type) {
        return jdbc.sql("select * from channel where type = ? order by id").param(type.name()).query(ROW).list();
    }

    public Optional<Channel> find(String id) {
        return jdbc.sql("select * from channel where id = ?").param(id).query(ROW).optional();
    }

    /** The channel, as read at most a few seconds ago. */
    public Channel get(String id) {
        return recent(id).orElseThrow(() -> new NotFound("no channel " + id));
    }

    /** The channel, if there is one, as read at most a few seconds ago (the hot paths ask once per message). */
    public Optional<Channel> recent(String id) {
        Channel known = recentChannels.getIfPresent(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Channel> channel = find(id);
        channel.ifPresent(c -> recentChannels.put(id, c));
        return channel;
    }

    public List<Channel> all() {
        return jdbc.sql("select * from channel order by created_at, id").query(ROW).list();
    }

    /** The web chat channel of a widget key, for the widget's API; 404 when there is none. */
    public Channel widget(String widgetKey) {
        return findByWidgetKey(widgetKey).orElseThrow(() -> new NotFound("no widget " + widgetKey));
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
        String hash = Secrets.sha256(token);
        ChannelIdentity known = recentTokens.getIfPresent(hash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ChannelIdentity> found = jdbc.sql("select id, type from channel where token_hash = ?").param(hash)
                .query((rs, n) -> new ChannelIdentity(rs.getString("id"), ChannelType.valueOf(rs.getString("type"))))
                .optional();
        found.ifPresent(identity -> recentTokens.put(hash, identity)); // unknown tokens are not remembered
        return found;
    }
}
