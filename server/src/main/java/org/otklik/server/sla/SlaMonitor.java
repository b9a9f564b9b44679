package org.otklik.server.sla;

import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationQueued;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.MessageKind;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.shared.InLists;
import org.otklik.server.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Watches the open conversations' clocks: a warning {@code otklik.sla.warn-before} ahead of a breach and the breach
 * itself, each recorded once per clock cycle and published ({@link SlaBreached}); breaches are escalated by e-mail to
 * {@code otklik.sla.escalation-recipients} and listed in the workspace. A new conversation that arrives while its
 * policy's team is off gets the off-hours answer with the time the team is back; an urgent one is escalated at once.
 */
@Service
public class SlaMonitor {

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);
    private static final int OPEN_CHECKED = 2000;

    /** A recorded warning or breach, for the workspace. */
    public record Alert(long conversationId, String metric, String kind, String department, Instant dueAt,
                        Instant at) {
    }

    private final SlaPolicies policies;
    private final SlaProperties properties;
    private final ConversationManagement conversations;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<JavaMailSender> mail;
    private final InstantSource clock;

    SlaMonitor(SlaPolicies policies, SlaProperties properties, ConversationManagement conversations, JdbcClient jdbc,
               ApplicationEventPublisher events, ObjectProvider<JavaMailSender> mail, InstantSource clock) {
        this.policies = policies;
        this.properties = properties;
        this.conversations = conversations;
        this.jdbc = jdbc;
        this.events = events;
        this.mail = mail;
        this.clock = clock;
    }

    /** The clocks of one conversation now. */
    public List<SlaClock> clocks(long conversationId) {
        ConversationView c = conversations.get(conversationId);
        return policies.clocks(c, conversations.messages(conversationId, 0, 1000), clock.instant());
    }

    /** The first-response clock alone: it needs the conversation's times, not its messages (the queue's view). */
    public java.util.Optional<SlaClock> firstResponse(long conversationId) {
        return policies.clocks(conversations.get(conversationId), List.of(), clock.instant()).stream()
                .filter(k -> k.metric().equals("first_response")).findFirst();
    }

    @Scheduled(fixedDelayString = "${otklik.sla.check-interval:30s}", initialDelayString = "PT10S")
    public void check() {
        Instant now = clock.instant();
        List<ConversationView> open = new ArrayList<>();
        for (ConversationStatus s : List.of(ConversationStatus.WAITING, ConversationStatus.ASSIGNED,
                ConversationStatus.AWAITING_USER, ConversationStatus.RESOLUTION_PROPOSED)) {
            open.addAll(conversations.list(new ConversationFilter(s, null, null, null, null, null, OPEN_CHECKED)));
        }
        // messages and what was recorded already, a query per 500 conversations: thousands wait during an outage
        for (int from = 0; from < open.size(); from += InLists.MAX) {
            List<ConversationView> chunk = open.subList(from, Math.min(open.size(), from + InLists.MAX));
            List<Long> ids = chunk.stream().map(ConversationView::id).toList();
            Map<Long, List<MessageView>> messagesOf = conversations.messagesOf(ids, 1000);
            Set<String> recorded = recorded(ids);
            for (ConversationView c : chunk) {
                List<MessageView> messages = messagesOf.getOrDefault(c.id(), List.of());
                SlaPolicies.Policy policy = policies.policyFor(c);
                for (SlaClock k : policies.clocks(c, messages, now)) {
                    Instant started = started(k.metric(), c, messages);
                    if (started == null) {
                        continue;
                    }
                    String kind = k.state().equals("breached") ? "breach"
                            : k.state().equals("running") && k.dueAt() != null
                                    && !k.dueAt().isAfter(now.plus(properties.warnBefore())) ? "warning" : null;
                    if (kind != null && !recorded.contains(key(c.id(), k.metric(), kind, started))) {
                        record(c, policy, k, kind, started, now);
                    }
                }
            }
        }
    }

    /** The warnings and breaches recorded for these conversations, as {@link #key} strings. */
    private Set<String> recorded(List<Long> ids) {
        Set<String> keys = new HashSet<>();
        jdbc.sql("select conversation_id, metric, kind, clock_started from sla_event where conversation_id in "
                        + InLists.placeholders(ids.size())).params(ids)
                .query(rs -> {
                    keys.add(key(rs.getLong("conversation_id"), rs.getString("metric"), rs.getString("kind"),
                            Times.fromDb(rs, "clock_started")));
                });
        return keys;
    }

    private static String key(long conversationId, String metric, String kind, Instant started) {
        return conversationId + "/" + metric + "/" + kind + "/" + started.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant started(String metric, ConversationView c,
                                   List<MessageView> messages) {
        return switch (metric) {
            case "first_response" -> c.queuedAt();
            case "next_response" -> SlaPolicies.unansweredSince(messages);
            default -> c.createdAt();
        };
    }

    private void record(ConversationView c, SlaPolicies.Policy policy, SlaClock k, String kind, Instant started,
                        Instant now) {
        try {
            jdbc.sql("""
                    insert into sla_event (conversation_id, metric, kind, clock_started, due_at, department, policy,
                                           created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(c.id(), k.metric(), kind, Times.toDb(started), Times.toDb(k.dueAt()), c.department(),
                            policy.name(), Times.toDb(now)).update();
        } catch (DuplicateKeyException already) {
            return;
        }
        SlaBreached event = new SlaBreached(c.id(), k.metric(), kind, c.department(), policy.name(), k.dueAt(), now);
        events.publishEvent(event);
        if (!event.isWarning()) {
            escalate("SLA нарушен: обращение #" + c.id() + " (" + c.department() + ", " + k.metric() + ")",
                    "Обращение #" + c.id() + " в отделе " + c.department() + " нарушило цель «" + k.metric()
                            + "» политики " + policy.name() + " (" + k.target() + ").");
        }
    }

    private void escalate(String subject, String text) {
        JavaMailSender sender = mail.getIfAvailable();
        if (properties.escalationRecipients().isEmpty() || sender == null) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.escalationFrom());
        message.setTo(properties.escalationRecipients().toArray(String[]::new));
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("sla: escalation e-mail failed: {}", e.getMessage());
        }
    }

    /** Recent warnings and breaches of these departments (all when null), newest first. */
    public List<Alert> recent(java.util.Collection<String> departments, Instant since, int limit) {
        return jdbc.sql("select * from sla_event where created_at >= ? order by id desc fetch first " + limit
                        + " rows only").param(Times.toDb(since))
                .query((rs, n) -> new Alert(rs.getLong("conversation_id"), rs.getString("metric"),
                        rs.getString("kind"), rs.getString("department"), Times.fromDb(rs, "due_at"),
                        Times.fromDb(rs, "created_at"))).list().stream()
                .filter(a -> departments == null || departments.contains(a.department())).toList();
    }

    /** Off hours: the new conversation is told when the team is back; an urgent one is escalated at once. */
    @EventListener
    void on(ConversationQueued queued) {
        if (queued.preferredAgentId() != null) {
            return; // a reopened conversation: the user knows us already
        }
        // decided from the event: the conversation is read only when its team is away (not once per new one)
        SlaPolicies.Policy policy = policies.policyFor(queued.department(), queued.channelId(),
                queued.priority() == null ? null : queued.priority().wire());
        AfterCommit.run(() -> {
            Instant back = policies.reopensAt(policy, clock.instant());
            if (back == null) {
                return;
            }
            ConversationView c = conversations.get(queued.conversationId());
            String time = DateTimeFormatter.ofPattern("d MMMM 'в' HH:mm", Locale.forLanguageTag("ru"))
                    .withZone(policy.calendar().zone()).format(back);
            conversations.postSystemMessage(c.id(), MessageKind.WAIT_NOTICE,
                    properties.offHoursText().replace("{time}", time), "off-hours:" + c.id());
            if (queued.priority() != null && queued.priority().wire().equals("urgent")) {
                escalate("Срочное обращение #" + c.id() + " в нерабочее время",
                        "Обращение #" + c.id() + " (" + c.department() + ") помечено срочным и пришло в нерабочее "
                                + "время; команда вернётся " + time + ".");
            }
        });
    }
}
