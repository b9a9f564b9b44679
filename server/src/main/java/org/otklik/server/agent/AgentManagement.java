package org.otklik.server.agent;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.otklik.engine.routing.Presence;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Secrets;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Agents: create and change them, sign them in, issue and check API tokens, and set their presence. */
@Service
public class AgentManagement {

    private static final Pattern LOGIN = Pattern.compile("[a-zA-Z0-9._-]{2,64}");
    private static final int MAX_CHATS_LIMIT = 50;

    private final JdbcClient jdbc;
    private final Departments departments;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;
    private final AgentProperties properties;

    AgentManagement(JdbcClient jdbc, Departments departments, PasswordEncoder passwords,
                    ApplicationEventPublisher events, InstantSource clock, AgentProperties properties) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    public Agent create(NewAgent request) {
        String login = Require.text(request.login(), "login", 64);
        if (!LOGIN.matcher(login).matches()) {
            throw new InvalidInput("login", "login must be 2-64 latin letters, digits, '.', '_' or '-'");
        }
        String displayName = Require.text(request.displayName(), "displayName", 200);
        String password = requirePassword(request.password());
        Role role = request.role() == null ? Role.AGENT : request.role();
        int maxChats = requireMaxChats(request.maxChats() == null ? properties.defaultMaxChats() : request.maxChats());
        Set<String> skills = requireSkills(request.skills() == null ? Set.of() : request.skills());
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into agent (login, display_name, password_hash, role, max_chats, presence, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(login, displayName, passwords.encode(password), role.name(), maxChats,
                            Presence.OFFLINE.name(), Times.toDb(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new StateConflict("login " + login + " is taken");
        }
        long id = keys.getKey().longValue();
        writeSkills(id, skills);
        events.publishEvent(new AgentRoutingChanged(id, skills, maxChats, now));
        return get(id);
    }

    @Transactional
    public Agent update(long id, AgentChanges changes) {
        Agent current = get(id);
        if (changes.displayName() != null) {
            jdbc.sql("update agent set display_name = ? where id = ?")
                    .params(Require.text(changes.displayName(), "displayName", 200), id).update();
        }
        if (changes.password() != null) {
            setPassword(id, changes.password());
        }
        if (changes.role() != null) {
            jdbc.sql("update agent set role = ? where id = ?").params(changes.role().name(), id).update();
        }
        int maxChats = current.maxChats();
        if (changes.maxChats() != null) {
            maxChats = requireMaxChats(changes.maxChats());
            jdbc.sql("update agent set max_chats = ? where id = ?").params(maxChats, id).update();
        }
        Set<String> skills = current.skills();
        if (changes.skills() != null) {
            skills = requireSkills(changes.skills());
            jdbc.sql("delete from agent_skill where agent_id = ?").param(id).update();
            writeSkills(id, skills);
        }
        if (maxChats != current.maxChats() || !skills.equals(current.skills())) {
            events.publishEvent(new AgentRoutingChanged(id, skills, maxChats, clock.instant()));
        }
        return get(id);
    }

    @Transactional
    public void setPassword(long id, String password) {
        int updated = jdbc.sql("update agent set password_hash = ? where id = ?")
                .params(passwords.encode(requirePassword(password)), id).update();
        if (updated == 0) {
            throw new NotFound("no agent " + id);
        }
    }

    @Transactional
    public Agent changePresence(long id, Presence presence) {
        Agent current = get(id);
        if (current.presence() != presence) {
            Instant now = clock.instant();
            jdbc.sql("update agent set presence = ?, presence_changed_at = ? where id = ?")
                    .params(presence.name(), Times.toDb(now), id).update();
            events.publishEvent(new AgentPresenceChanged(id, presence, now));
        }
        return get(id);
    }

    public Optional<Agent> find(long id) {
        return load("where a.id = ?", id).stream().findFirst();
    }

    public Agent get(long id) {
        return find(id).orElseThrow(() -> new NotFound("no agent " + id));
    }

    public Optional<Agent> findByLogin(String login) {
        return load("where a.login = ?", login).stream().findFirst();
    }

    public List<Agent> all() {
        return load("", null);
    }

    /** The agent behind a login and password, if they match. */
    public Optional<AgentIdentity> authenticate(String login, String password) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        Optional<String> hash = jdbc.sql("select password_hash from agent where login = ?").param(login)
                .query(String.class).optional();
        if (hash.isEmpty() || !passwords.matches(password, hash.get())) {
            return Optional.empty();
        }
        return findByLogin(login).map(Agent::identity);
    }

    @Transactional
    public IssuedToken issueToken(AgentIdentity agent) {
        String token = Secrets.newToken("otk_ag_");
        Instant now = clock.instant();
        Instant expires = now.plus(properties.tokenTtl());
        jdbc.sql("delete from agent_token where expires_at < ?").param(Times.toDb(now)).update();
        jdbc.sql("insert into agent_token (token_hash, agent_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(Secrets.sha256(token), agent.id(), Times.toDb(now), Times.toDb(expires)).update();
        return new IssuedToken(token, expires);
    }

    /** The agent an unexpired API token belongs to, if any. */
    public Optional<AgentIdentity> identityByToken(String token) {
        if (token == null || !token.startsWith("otk_ag_")) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select a.id, a.login, a.display_name, a.role from agent_token t join agent a on a.id = t.agent_id
                        where t.token_hash = ? and t.expires_at > ?""")
                .params(Secrets.sha256(token), Times.toDb(clock.instant()))
                .query((rs, n) -> new AgentIdentity(rs.getLong("id"), rs.getString("login"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role"))))
                .optional();
    }

    private List<Agent> load(String where, Object param) {
        var query = jdbc.sql("select a.* from agent a " + where + " order by a.id");
        List<Row> rows = (param == null ? query : query.param(param)).query((rs, n) -> new Row(rs.getLong("id"),
                rs.getString("login"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                rs.getInt("max_chats"), Presence.valueOf(rs.getString("presence")), Times.fromDb(rs, "created_at")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<String>> skills = new HashMap<>();
        var skillQuery = rows.size() == 1
                ? jdbc.sql("select agent_id, department from agent_skill where agent_id = ?").param(rows.get(0).id())
                : jdbc.sql("select agent_id, department from agent_skill");
        skillQuery.query(rs -> {
            skills.computeIfAbsent(rs.getLong("agent_id"), k -> new TreeSet<>()).add(rs.getString("department"));
        });
        List<Agent> agents = new ArrayList<>(rows.size());
        for (Row row : rows) {
            agents.add(row.withSkills(skills.getOrDefault(row.id(), Set.of())));
        }
        return agents;
    }

    private record Row(long id, String login, String displayName, Role role, int maxChats, Presence presence,
                       Instant createdAt) {

        Agent withSkills(Set<String> skills) {
            return new Agent(id, login, displayName, role, Set.copyOf(skills), maxChats, presence, createdAt);
        }
    }

    private void writeSkills(long id, Set<String> skills) {
        for (String skill : skills) {
            jdbc.sql("insert into agent_skill (agent_id, department) values (?, ?)").params(id, skill).update();
        }
    }

    private Set<String> requireSkills(Set<String> skills) {
        Set<String> valid = new LinkedHashSet<>();
        for (String skill : skills) {
            valid.add(departments.requireKnown(skill, "skills"));
        }
        return Set.copyOf(valid);
    }

    private static int requireMaxChats(int maxChats) {
        if (maxChats < 1 || maxChats > MAX_CHATS_LIMIT) {
            throw new InvalidInput("maxChats", "maxChats must be between 1 and " + MAX_CHATS_LIMIT);
        }
        return maxChats;
    }

    private static String requirePassword(String password) {
        if (password == null || password.length() < 8) {
            throw new InvalidInput("password", "password must be at least 8 characters");
        }
        if (password.length() > 200) {
            throw new InvalidInput("password", "password must be at most 200 characters");
        }
        return password;
    }
}
