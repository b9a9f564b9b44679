package org.otklik.server.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agentdesk.ConversationAccess;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.Direction;
import org.otklik.server.conversation.MessageKind;
import org.otklik.server.department.Department;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.NotAllowed;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.PersonalData;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Secrets;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.otklik.server.sla.SlaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Escalations of conversations by agents who may see them (the desk's access rules). To the lead: an e-mail to the
 * department's leads. To PR or developers: a read-only share, an unguessable link (only its SHA-256 hash is stored)
 * that works {@code otklik.escalation.share-days} and can be revoked at once, e-mailed with the agent's note. Each is
 * also a {@code conversation_event} row of type {@code escalated}, in the same transaction.
 */
@Service
public class Escalations {

    static final int MAX_NOTE = 2000;
    private static final String TOKEN_PREFIX = "otk_sh_";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final JdbcClient jdbc;
    private final ConversationManagement conversations;
    private final ConversationAccess access;
    private final AgentManagement agents;
    private final Departments departments;
    private final EscalationProperties properties;
    private final SlaProperties sla;
    private final EscalationMail mail;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;
    private final String publicUrl;
    private final ZoneId zone;

    Escalations(JdbcClient jdbc, ConversationManagement conversations, ConversationAccess access,
                AgentManagement agents, Departments departments, EscalationProperties properties, SlaProperties sla,
                EscalationMail mail, ApplicationEventPublisher events, InstantSource clock,
                @Value("${otklik.public-url:}") String publicUrl,
                @Value("${otklik.ui.time-zone:Europe/Moscow}") ZoneId zone) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.access = access;
        this.agents = agents;
        this.departments = departments;
        this.properties = properties;
        this.sla = sla;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.zone = zone;
    }

    /** Escalates and e-mails; nothing is recorded if the e-mail cannot go out. */
    @Transactional
    public EscalationView escalate(AgentIdentity who, long conversationId, String to, String note) {
        ConversationView c = visible(who, conversationId);
        Target target = Target.of(to);
        String text = Require.text(note, "note", MAX_NOTE);
        List<String> recipients = recipients(target, c.department());
        if (recipients.isEmpty()) {
            throw new StateConflict("no one to escalate to: set otklik.escalation." + switch (target) {
                case LEAD -> "lead-recipients";
                case PR -> "pr-recipients";
                case DEVELOPERS -> "developers-recipients";
            });
        }
        Instant now = clock.instant();
        String token = target.shares() ? Secrets.newToken(TOKEN_PREFIX) : null;
        Instant expires = target.shares() ? now.plus(Duration.ofDays(properties.shareDays())) : null;
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into escalation (conversation_id, target, note, agent_id, department, channel_id, recipients,
                                        created_at, token_hash, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), target.wire(), text, who.id(), c.department(), c.channelId(),
                        String.join(", ", recipients), Times.toDb(now), token == null ? null : Secrets.sha256(token),
                        Times.toDb(expires)).update(keys, "id");
        long id = keys.getKey().longValue();
        // a timeline step the agents see and the reports can count, like every other step of the conversation
        jdbc.sql("""
                insert into conversation_event (conversation_id, type, occurred_at, agent_id, department, channel_id,
                                                detail) values (?, 'escalated', ?, ?, ?, ?, ?)""")
                .params(c.id(), Times.toDb(now), who.id(), c.department(), c.channelId(), target.wire()).update();
        String agent = agentName(who.id());
        if (target.shares()) {
            mail.send(recipients, "Otklik: обращение #" + c.id() + " передано " + target.dative(),
                    agent + " передаёт " + target.dative() + " обращение #" + c.id() + " (" + departmentName(c)
                            + ").\n\nЗаметка:\n" + text + "\n\nПереписка (только чтение, личные данные скрыты):\n"
                            + base() + "/shared/" + token + "\n\nСсылка действует до "
                            + DATE.withZone(zone).format(expires) + " и может быть отозвана раньше. Не пересылайте"
                            + " её: переписку по ней может открыть любой, у кого она есть.\n");
        } else {
            mail.send(recipients, "Otklik: эскалация обращения #" + c.id() + " (" + departmentName(c) + ")",
                    agent + " эскалирует обращение #" + c.id() + " руководителю отдела «" + departmentName(c)
                            + "».\n\nЗаметка:\n" + text + "\n\nОбращение в рабочем месте: " + base()
                            + "/workspace?open=" + c.id() + "\n");
        }
        events.publishEvent(new ConversationEscalated(id, c.id(), target.wire(), who.id(), c.department(),
                c.channelId(), now));
        return get(id);
    }

    /** The conversation's escalations, newest first. */
    public List<EscalationView> ofConversation(AgentIdentity who, long conversationId) {
        visible(who, conversationId);
        return jdbc.sql("select * from escalation where conversation_id = ? order by id desc").param(conversationId)
                .query((rs, n) -> view(rs)).list();
    }

    /** Ends a share at once; the escalating agent or an admin. Revoking twice changes nothing. */
    @Transactional
    public EscalationView revoke(AgentIdentity who, long escalationId) {
        EscalationView e = get(escalationId);
        if (!who.isAdmin() && e.agentId() != who.id()) {
            throw new NotAllowed("only the agent who escalated or an admin can revoke a share");
        }
        if (!Target.of(e.to()).shares()) {
            throw new StateConflict("an escalation to the lead is an e-mail: there is no link to revoke");
        }
        jdbc.sql("update escalation set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(Times.toDb(clock.instant()), who.id(), escalationId).update();
        return get(escalationId);
    }

    /** The share behind a link, if it exists, is not revoked and has not expired. */
    public Optional<SharedConversation> shared(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select * from escalation where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(Secrets.sha256(token), Times.toDb(clock.instant())).query((rs, n) -> view(rs)).optional()
                .map(e -> {
                    ConversationView c = conversations.get(e.conversationId());
                    List<SharedConversation.Line> lines = conversations.messages(c.id(), 0, 1000).stream()
                            .map(m -> new SharedConversation.Line(m.direction() == Direction.IN ? "user"
                                    : m.agentId() != null && m.kind() == MessageKind.TEXT ? "agent" : "system",
                                    PersonalData.mask(m.text()), m.createdAt())).toList();
                    return new SharedConversation(c.id(), e.to(), PersonalData.mask(e.note()), e.agentName(),
                            departmentName(c), e.createdAt(), e.expiresAt(), lines);
                });
    }

    public EscalationView get(long id) {
        return jdbc.sql("select * from escalation where id = ?").param(id).query((rs, n) -> view(rs)).optional()
                .orElseThrow(() -> new NotFound("no escalation " + id));
    }

    private ConversationView visible(AgentIdentity who, long conversationId) {
        ConversationView c = conversations.get(conversationId);
        access.requireView(who, c);
        return c;
    }

    /** The department's own leads, else the general lead list, else the SLA escalation recipients. */
    List<String> recipients(Target target, String department) {
        return switch (target) {
            case PR -> properties.prRecipients();
            case DEVELOPERS -> properties.developersRecipients();
            case LEAD -> {
                List<String> own = properties.departmentLeads().getOrDefault(department, List.of());
                yield !own.isEmpty() ? own : !properties.leadRecipients().isEmpty() ? properties.leadRecipients()
                        : sla.escalationRecipients();
            }
        };
    }

    private EscalationView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant expires = Times.fromDb(rs, "expires_at");
        Instant revoked = Times.fromDb(rs, "revoked_at");
        String state = expires == null ? "sent" : revoked != null ? "revoked"
                : clock.instant().isBefore(expires) ? "active" : "expired";
        long agentId = rs.getLong("agent_id");
        return new EscalationView(rs.getLong("id"), rs.getLong("conversation_id"), rs.getString("target"),
                rs.getString("note"), agentId, agentName(agentId),
                Arrays.stream(rs.getString("recipients").split(",\\s*")).toList(), Times.fromDb(rs, "created_at"),
                expires, revoked, state);
    }

    private String agentName(long id) {
        return agents.find(id).map(Agent::displayName).orElse("#" + id);
    }

    private String departmentName(ConversationView c) {
        return departments.find(c.department()).map(Department::name).orElse(c.department());
    }

    /** Where links point: {@code otklik.public-url}, else the address this request came to. */
    private String base() {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.replaceAll("/+$", "");
        }
        try {
            return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        } catch (IllegalStateException noRequest) {
            return "http://localhost:8080";
        }
    }
}
