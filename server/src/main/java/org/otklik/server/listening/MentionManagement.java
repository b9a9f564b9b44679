package org.otklik.server.listening;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.cannedreply.CannedReply;
import org.otklik.server.cannedreply.ReplyTemplate;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.inbound.InboundGateway;
import org.otklik.server.inbound.InboundReceipt;
import org.otklik.server.listening.internal.MentionStore;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.PersonalData;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mentions inbox: agents answer a mention in place (a public reply the channel posts), move it to private
 * messages (a short public reply and a private conversation with the author), turn it into a conversation, or close
 * it with a reason. Each mention is handled once.
 */
@Service
public class MentionManagement {

    public static final Set<String> STATUSES = Set.of("new", "answered", "moved_to_private", "converted", "closed");
    public static final int MAX_TEXT = 10_000;

    private final MentionStore store;
    private final InboundGateway inbound;
    private final CannedReplies cannedReplies;
    private final ListeningProperties properties;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;
    private final TransactionTemplate transactions;

    MentionManagement(MentionStore store, InboundGateway inbound, CannedReplies cannedReplies,
                      ListeningProperties properties, ApplicationEventPublisher events, InstantSource clock,
                      TransactionTemplate transactions) {
        this.transactions = transactions;
        this.store = store;
        this.inbound = inbound;
        this.cannedReplies = cannedReplies;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public MentionView get(long id) {
        return store.find(id).orElseThrow(() -> new NotFound("mention " + id + " does not exist"));
    }

    /** Mentions: the open actionable ones first, newest first within each group. */
    public List<MentionView> list(String stream, String status, Boolean actionable, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInput("status", "status must be one of " + STATUSES);
        }
        return store.list(stream, status, actionable, limit);
    }

    /** Answers in place: the channel posts the reply under the post. */
    @Transactional
    public MentionView reply(long id, String text, long agentId) {
        String body = Require.text(text, "text", MAX_TEXT);
        PersonalData.requireNoneInPublic(body, "text");
        claim(id, "answered", null, agentId, null);
        publicReply(id, body, agentId);
        return get(id);
    }

    /**
     * Moves the mention to private messages: a short public reply (the given one, else the department's «move to
     * private» canned reply, else {@code otklik.listening.moved-to-private-text}) and a conversation with the author
     * that starts with the mention's text, queued like any private message.
     */
    public MentionView moveToPrivate(long id, String publicText, long agentId) {
        MentionView m = get(id);
        String reply = publicText == null || publicText.isBlank() ? movedToPrivateText(m)
                : Require.text(publicText, "publicText", MAX_TEXT);
        PersonalData.requireNoneInPublic(reply, "publicText");
        long conversationId = conversationFor(m);
        transactions.executeWithoutResult(status -> {
            claim(id, "moved_to_private", null, agentId, conversationId);
            publicReply(id, reply, agentId);
        });
        return get(id);
    }

    /** Turns the mention into a conversation with its author, queued in the department triage read. */
    public MentionView convert(long id, long agentId) {
        MentionView m = get(id);
        long conversationId = conversationFor(m);
        claim(id, "converted", null, agentId, conversationId);
        return get(id);
    }

    /** Closes the mention without an answer; the reason is required (it is how the mention counts as processed). */
    @Transactional
    public MentionView close(long id, String reason, long agentId) {
        String why = Require.text(reason, "reason", 500);
        claim(id, "closed", why, agentId, null);
        return get(id);
    }

    /** Public replies to a channel's mentions after the given reply id, for the channel to post. */
    public List<Map<String, Object>> outbox(String channelId, long after, int limit) {
        return store.outbox(channelId, after, limit);
    }

    /**
     * The KPI "processed share": actionable mentions answered, moved, converted or closed with a reason, over all
     * actionable mentions, per day (in {@code otklik.listening.zone}) and per stream, for mentions received from
     * {@code from} to {@code to} (days, inclusive).
     */
    public Map<String, Object> processedShare(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "to must not be before from");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw new InvalidInput("to", "at most 366 days at once");
        }
        ZoneId zone = properties.zone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, int[]> byDay = new TreeMap<>();
        Map<String, int[]> byStream = new TreeMap<>();
        int[] total = new int[2];
        Set<Long> seen = new HashSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            byDay.put(d.toString(), new int[2]);
        }
        for (Map<String, Object> row : store.actionableByStream(start, end)) {
            boolean processed = !"new".equals(row.get("status"));
            String day = ((Instant) row.get("receivedAt")).atZone(zone).toLocalDate().toString();
            int[] s = byStream.computeIfAbsent((String) row.get("stream"), k -> new int[2]);
            s[0]++;
            s[1] += processed ? 1 : 0;
            // a mention of two streams counts once per day and in the total
            if (seen.add((Long) row.get("id"))) {
                int[] d = byDay.get(day);
                d[0]++;
                d[1] += processed ? 1 : 0;
                total[0]++;
                total[1] += processed ? 1 : 0;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("zone", zone.getId());
        out.put("total", share(null, null, total));
        List<Map<String, Object>> days = new ArrayList<>();
        byDay.forEach((day, c) -> days.add(share("day", day, c)));
        out.put("days", days);
        List<Map<String, Object>> streams = new ArrayList<>();
        byStream.forEach((stream, c) -> streams.add(share("stream", stream, c)));
        out.put("streams", streams);
        return out;
    }

    private static Map<String, Object> share(String key, String value, int[] counts) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (key != null) {
            row.put(key, value);
        }
        row.put("actionable", counts[0]);
        row.put("processed", counts[1]);
        row.put("processedShare", counts[0] == 0 ? null : (double) counts[1] / counts[0]);
        return row;
    }

    private void publicReply(long mentionId, String text, long agentId) {
        MentionView m = get(mentionId);
        long replyId = store.reply(mentionId, text, agentId, clock.instant());
        events.publishEvent(new MentionReplyWritten(replyId, mentionId, m.channelId(), m.sourceId(), m.source(), text,
                clock.instant()));
    }

    private void claim(long id, String status, String reason, long agentId, Long conversationId) {
        get(id);
        if (!store.handle(id, status, reason, agentId, conversationId, clock.instant())) {
            throw new StateConflict("mention " + id + " was already handled");
        }
        events.publishEvent(new MentionHandled(id, status, agentId, clock.instant()));
    }

    private long conversationFor(MentionView m) {
        if (!m.isOpen()) {
            throw new StateConflict("mention " + m.id() + " was already handled");
        }
        if (m.authorExternalId() == null) {
            throw new StateConflict("mention " + m.id() + " has no author to write to privately");
        }
        InboundReceipt receipt = inbound.accept(InboundMessage.of(m.channelId(), "mention:" + m.id(),
                m.authorExternalId(), m.authorName(), m.text(), m.department()), m.source());
        return receipt.conversationId();
    }

    private String movedToPrivateText(MentionView m) {
        List<CannedReply> canned = cannedReplies.forPurpose("move_to_private", m.department());
        if (canned.isEmpty()) {
            return properties.movedToPrivateText();
        }
        Map<String, String> values = new java.util.HashMap<>();
        if (m.authorName() != null) {
            values.put("contact.name", m.authorName());
        }
        return ReplyTemplate.render(canned.getFirst().body(), values);
    }
}
