package org.otklik.server.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.MessageKind;
import org.otklik.server.listening.MentionManagement;
import org.otklik.server.listening.MentionReceived;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.shared.InLists;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.otklik.server.triage.MessageTriaged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incidents in the live server. {@link OutageWatch} feeds the engine's outage detector from the database and opens an
 * incident here when it finds one and none is open; a lead may open one too. While an incident is open, every
 * conversation or mention that reports an outage joins it, and gets the status answer at once if the lead has
 * written it. The status answer goes to every member not answered yet: a message in each conversation (delivered by
 * its channel's outbox) and a public reply to each mention; the follow-up goes to every conversation and resolves
 * the incident.
 */
@Service
public class Incidents {

    private static final Logger log = LoggerFactory.getLogger(Incidents.class);
    private static final Duration GATHER = Duration.ofHours(1);

    /** An incident as leads see it, with its report. */
    public record IncidentView(long id, String title, String status, Instant openedAt, String trigger,
                               String statusText, Instant statusAt, String followupText, Instant resolvedAt,
                               Map<String, Object> report) {
    }

    /** An outage report: a conversation or a mention that reports one. */
    private record Report(String kind, long refId, String component, Instant at) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final ConversationManagement conversations;
    private final MentionManagement mentions;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;

    Incidents(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions,
              ConversationManagement conversations, MentionManagement mentions, ApplicationEventPublisher events,
              InstantSource clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.conversations = conversations;
        this.mentions = mentions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Incident bookkeeping runs on its own thread, in arrival order: it never slows or fails the request that stored
     * the message.
     */
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "otklik-incidents");
                t.setDaemon(true);
                return t;
            });

    /** Outage reports committed and not yet taken by the worker: taken together, as one join (an outage's burst). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Report> arriving =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean takeScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** An outage report joins the open incident, if any (detection itself reads the database: {@link OutageWatch}). */
    @EventListener
    void on(MessageTriaged triaged) {
        if (triaged.outage() != null) {
            arrived(new Report("conversation", triaged.conversationId(), triaged.outage(), triaged.at()));
        }
    }

    @EventListener
    void on(MentionReceived mention) {
        if (mention.outage() != null) {
            arrived(new Report("mention", mention.mentionId(), mention.outage(), mention.at()));
        }
    }

    private void arrived(Report report) {
        AfterCommit.run(() -> {
            arriving.add(report);
            if (takeScheduled.compareAndSet(false, true)) {
                worker.execute(this::takeArriving);
            }
        });
    }

    private void takeArriving() {
        takeScheduled.set(false); // from here, a new report schedules another take
        List<Report> reports = new java.util.ArrayList<>();
        for (Report r = arriving.poll(); r != null; r = arriving.poll()) {
            reports.add(r);
        }
        if (reports.isEmpty()) {
            return;
        }
        try {
            currentId().ifPresent(id -> join(id, reports));
        } catch (RuntimeException e) {
            log.warn("incidents: {} outage reports not joined: {}", reports.size(), e.toString());
        }
    }

    public Optional<Long> currentId() {
        return jdbc.sql("select id from incident where status = 'open' order by id desc fetch first 1 rows only")
                .query(Long.class).optional();
    }

    /** Opens an incident (a lead, or the detector with {@code agentId} null); 409 when one is open already. */
    public long open(String title, String trigger, Long agentId) {
        String name = Require.text(title, "title", 200);
        if (currentId().isPresent()) {
            throw new StateConflict("incident " + currentId().get() + " is open already");
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into incident (title, status, opened_at, opened_by, trigger_kind) values (?, 'open', ?, ?, ?)")
                .params(name, Times.toDb(clock.instant()), agentId, trigger).update(keys, "id");
        long id = keys.getKey().longValue();
        gather(id);
        events.publishEvent(new IncidentOpened(id, trigger, agentId, clock.instant()));
        return id;
    }

    /** The outage reports of the last hour join a newly opened incident. */
    private void gather(long incidentId) {
        Instant since = clock.instant().minus(GATHER);
        List<Report> reports = new java.util.ArrayList<>(jdbc.sql("""
                select conversation_id, outage, triaged_at from message_triage
                where outage is not null and triaged_at >= ? order by triaged_at""").param(Times.toDb(since))
                .query((rs, n) -> new Report("conversation", rs.getLong(1), rs.getString(2),
                        Times.fromDb(rs, "triaged_at"))).list());
        reports.addAll(jdbc.sql("select id, outage, received_at from mention where outage is not null"
                        + " and received_at >= ? order by received_at").param(Times.toDb(since))
                .query((rs, n) -> new Report("mention", rs.getLong(1), rs.getString(2),
                        Times.fromDb(rs, "received_at"))).list());
        join(incidentId, reports);
    }

    /**
     * Reports join the incident (each once: a member already is left alone), with their channels and the
     * conversations' regions read in one query and the members inserted in one batch; with a status answer written,
     * the new members get it at once.
     */
    private void join(long incidentId, List<Report> reports) {
        record Member(Report report, String channel, String region) {
        }
        Map<Long, String[]> whereFrom = new java.util.HashMap<>(); // conversation -> channel, region
        List<Long> conversationIds = reports.stream().filter(r -> r.kind().equals("conversation"))
                .map(Report::refId).toList();
        for (List<Long> chunk : InLists.chunks(conversationIds)) {
            jdbc.sql("select c.id, c.channel_id, ct.region from conversation c join contact ct on ct.id = c.contact_id"
                            + " where c.id in " + InLists.placeholders(chunk.size())).params(chunk)
                    .query(rs -> {
                        whereFrom.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                    });
        }
        Map<String, Member> members = new LinkedHashMap<>();
        for (Report r : reports) {
            String[] from = r.kind().equals("conversation") ? whereFrom.getOrDefault(r.refId(), new String[2])
                    : new String[] {mentions.get(r.refId()).channelId(), null};
            members.putIfAbsent(r.kind() + ":" + r.refId(), new Member(r, from[0], from[1]));
        }
        String insert = """
                insert into incident_member (incident_id, kind, ref_id, component, region, channel_id, reported_at)
                select ?, ?, ?, ?, ?, ?, ? where not exists
                    (select 1 from incident_member where incident_id = ? and kind = ? and ref_id = ?)""";
        List<Member> all = List.copyOf(members.values());
        List<Member> joined = new java.util.ArrayList<>();
        java.util.function.Function<Member, Object[]> values = m -> new Object[] {incidentId, m.report().kind(),
                m.report().refId(), m.report().component(), m.region(), m.channel(), Times.toDb(m.report().at()),
                incidentId, m.report().kind(), m.report().refId()};
        try {
            int[] counts = transactions.execute(tx -> jdbcTemplate.batchUpdate(insert,
                    all.stream().map(values).toList()));
            for (int i = 0; i < all.size(); i++) {
                if (counts[i] != 0) {
                    joined.add(all.get(i));
                }
            }
        } catch (DuplicateKeyException raced) {
            // another node joined one of them meanwhile: one by one, keeping what this node joined
            for (Member m : all) {
                try {
                    if (jdbc.sql(insert).params(values.apply(m)).update() == 1) {
                        joined.add(m);
                    }
                } catch (DuplicateKeyException already) {
                    // joined elsewhere
                }
            }
        }
        if (joined.isEmpty()) {
            return;
        }
        // the status answer alone (not the whole incident report: that grows with every member)
        jdbc.sql("select status_text, status_by from incident where id = ? and status_text is not null")
                .param(incidentId).query((rs, n) -> new Object[] {rs.getString(1), Times.nullableLong(rs, "status_by")})
                .optional().ifPresent(status -> joined.forEach(m -> answer(incidentId, m.report().kind(),
                        m.report().refId(), (String) status[0], (Long) status[1])));
    }

    /** The lead's status answer: to every member not answered yet, each through its own channel. */
    public IncidentView status(long incidentId, String text, long agentId) {
        String body = Require.text(text, "text", 4000);
        IncidentView incident = get(incidentId);
        if (!incident.status().equals("open")) {
            throw new StateConflict("incident " + incidentId + " is resolved");
        }
        jdbc.sql("update incident set status_text = ?, status_at = ?, status_by = ? where id = ?")
                .params(body, Times.toDb(clock.instant()), agentId, incidentId).update();
        for (Object[] m : members(incidentId, true)) {
            answer(incidentId, (String) m[0], (Long) m[1], body, agentId);
        }
        return get(incidentId);
    }

    /** The follow-up when it is fixed: to every conversation of the incident; the incident is resolved. */
    public IncidentView resolve(long incidentId, String text, long agentId) {
        String body = Require.text(text, "text", 4000);
        IncidentView incident = get(incidentId);
        if (!incident.status().equals("open")) {
            throw new StateConflict("incident " + incidentId + " is resolved already");
        }
        jdbc.sql("update incident set followup_text = ?, resolved_at = ?, status = 'resolved' where id = ?")
                .params(body, Times.toDb(clock.instant()), incidentId).update();
        for (Object[] m : members(incidentId, false)) {
            if (m[0].equals("conversation")) {
                conversations.postSystemMessage((Long) m[1], MessageKind.TEXT, body,
                        "incident-followup:" + incidentId + ":" + m[1]);
            }
        }
        return get(incidentId);
    }

    private void answer(long incidentId, String kind, long refId, String text, Long agentId) {
        try {
            if (kind.equals("conversation")) {
                conversations.postSystemMessage(refId, MessageKind.TEXT, text, "incident-status:" + incidentId + ":"
                        + refId);
            } else if (agentId != null && mentions.get(refId).isOpen()) {
                mentions.reply(refId, text, agentId);
            }
            jdbc.sql("update incident_member set answered_at = ? where incident_id = ? and kind = ? and ref_id = ?"
                    + " and answered_at is null").params(Times.toDb(clock.instant()), incidentId, kind, refId).update();
        } catch (RuntimeException e) {
            log.warn("incidents: member {} {} of incident {} not answered: {}", kind, refId, incidentId,
                    e.getMessage());
        }
    }

    private List<Object[]> members(long incidentId, boolean unansweredOnly) {
        return jdbc.sql("select kind, ref_id from incident_member where incident_id = ?"
                        + (unansweredOnly ? " and answered_at is null" : "") + " order by reported_at")
                .param(incidentId).query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}).list();
    }

    public List<IncidentView> recent(int limit) {
        return jdbc.sql("select id from incident order by id desc fetch first " + limit + " rows only")
                .query(Long.class).list().stream().map(this::get).toList();
    }

    /** The incident and its report: who wrote, how fast they were answered, who is unanswered, by what. */
    public IncidentView get(long id) {
        var row = jdbc.sql("select * from incident where id = ?").param(id).query((rs, n) -> new Object[] {
                rs.getString("title"), rs.getString("status"), Times.fromDb(rs, "opened_at"),
                rs.getString("trigger_kind"), rs.getString("status_text"), Times.fromDb(rs, "status_at"),
                rs.getString("followup_text"), Times.fromDb(rs, "resolved_at")}).optional()
                .orElseThrow(() -> new NotFound("no incident " + id));
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Integer> components = new TreeMap<>();
        Map<String, Integer> regions = new TreeMap<>();
        Map<String, Integer> channels = new TreeMap<>();
        Map<String, Integer> byMinute = new TreeMap<>();
        int[] counts = new int[3]; // members, answered, conversations
        long[] waits = new long[1];
        jdbc.sql("select * from incident_member where incident_id = ?").param(id).query(rs -> {
            counts[0]++;
            if (rs.getString("kind").equals("conversation")) {
                counts[2]++;
            }
            components.merge(rs.getString("component") == null ? "unknown" : rs.getString("component"), 1,
                    Integer::sum);
            regions.merge(rs.getString("region") == null ? "unknown" : rs.getString("region"), 1, Integer::sum);
            channels.merge(rs.getString("channel_id") == null ? "unknown" : rs.getString("channel_id"), 1,
                    Integer::sum);
            Instant reported = Times.fromDb(rs, "reported_at");
            byMinute.merge(reported.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString(), 1, Integer::sum);
            Instant answered = Times.fromDb(rs, "answered_at");
            if (answered != null) {
                counts[1]++;
                waits[0] += Math.max(0, Duration.between(reported, answered).toSeconds());
            }
        });
        report.put("reports", counts[0]);
        report.put("conversations", counts[2]);
        report.put("mentions", counts[0] - counts[2]);
        report.put("answered", counts[1]);
        report.put("unanswered", counts[0] - counts[1]);
        report.put("meanSecondsToAnswer", counts[1] == 0 ? null : waits[0] / counts[1]);
        report.put("components", components);
        report.put("regions", regions);
        report.put("channels", channels);
        report.put("byMinute", byMinute);
        return new IncidentView(id, (String) row[0], (String) row[1], (Instant) row[2], (String) row[3],
                (String) row[4], (Instant) row[5], (String) row[6], (Instant) row[7], report);
    }
}
