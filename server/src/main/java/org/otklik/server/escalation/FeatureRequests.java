package org.otklik.server.escalation;

import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agentdesk.ConversationAccess;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.Direction;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.escalation.internal.FeatureRequestDetector;
import org.otklik.server.shared.PersonalData;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Times;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feature requests: an agent tags a conversation with a short topic; the detector suggests the tag from the user's
 * messages (never sets it). The monthly summary groups topics however they were typed (case, spaces, ё), with the
 * departments and channels they came from and a few of the users' own words, personal data masked.
 */
@Service
public class FeatureRequests {

    static final int MAX_TOPIC = 80;
    private static final int EXAMPLES = 3;
    private static final int MAX_QUOTE = 300;

    /** A conversation's tag. */
    public record Tag(long conversationId, String topic, long taggedBy, String taggedByName, Instant taggedAt) {
    }

    /** The tag if set, and the detector's suggestion (the phrase and the user's message it is in) if any. */
    public record State(Tag tag, boolean suggested, String phrase, String quote) {
    }

    /** One topic of a month: how many conversations, from which departments and channels, in the users' words. */
    public record Topic(String topic, int conversations, List<String> departments, List<String> channels,
                        List<String> examples) {
    }

    public record Summary(String month, int conversations, List<Topic> topics) {
    }

    private final JdbcClient jdbc;
    private final ConversationManagement conversations;
    private final ConversationAccess access;
    private final AgentManagement agents;
    private final InstantSource clock;
    private final ZoneId zone;

    FeatureRequests(JdbcClient jdbc, ConversationManagement conversations, ConversationAccess access,
                    AgentManagement agents, InstantSource clock,
                    @Value("${otklik.reports.zone:Europe/Moscow}") ZoneId zone) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.access = access;
        this.agents = agents;
        this.clock = clock;
        this.zone = zone;
    }

    /** Tags the conversation (a second tag replaces the topic). */
    @Transactional
    public State tag(AgentIdentity who, long conversationId, String topic) {
        ConversationView c = visible(who, conversationId);
        String text = Require.text(topic == null ? null : topic.replaceAll("\\s+", " "), "topic", MAX_TOPIC);
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                update feature_request set topic = ?, topic_key = ?, tagged_by = ?, tagged_at = ?
                where conversation_id = ?""").params(text, key(text), who.id(), Times.toDb(now), c.id()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into feature_request (conversation_id, topic, topic_key, department, channel_id, tagged_by,
                                                 tagged_at) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(c.id(), text, key(text), c.department(), c.channelId(), who.id(), Times.toDb(now))
                    .update();
        }
        return state(c);
    }

    @Transactional
    public State untag(AgentIdentity who, long conversationId) {
        ConversationView c = visible(who, conversationId);
        jdbc.sql("delete from feature_request where conversation_id = ?").param(c.id()).update();
        return state(c);
    }

    public State of(AgentIdentity who, long conversationId) {
        return state(visible(who, conversationId));
    }

    private State state(ConversationView c) {
        Optional<Tag> tag = jdbc.sql("select * from feature_request where conversation_id = ?").param(c.id())
                .query((rs, n) -> new Tag(rs.getLong("conversation_id"), rs.getString("topic"),
                        rs.getLong("tagged_by"), agents.find(rs.getLong("tagged_by")).map(Agent::displayName)
                        .orElse(null), Times.fromDb(rs, "tagged_at"))).optional();
        List<MessageView> fromUser = userMessages(c.id());
        for (MessageView m : fromUser) {
            Optional<String> phrase = FeatureRequestDetector.phrase(m.text());
            if (phrase.isPresent()) {
                return new State(tag.orElse(null), true, phrase.get(), quote(m.text()));
            }
        }
        return new State(tag.orElse(null), false, null, null);
    }

    /** The month's tagged conversations by topic, most asked first. */
    public Summary summary(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        record Row(long conversationId, String topic, String key, String department, String channel) {
        }
        List<Row> rows = jdbc.sql("""
                select * from feature_request where tagged_at >= ? and tagged_at < ? order by tagged_at, conversation_id""")
                .params(Times.toDb(from), Times.toDb(to))
                .query((rs, n) -> new Row(rs.getLong("conversation_id"), rs.getString("topic"),
                        rs.getString("topic_key"), rs.getString("department"), rs.getString("channel_id"))).list();
        Map<String, List<Row>> byKey = rows.stream().collect(Collectors.groupingBy(Row::key, LinkedHashMap::new,
                Collectors.toList()));
        List<Topic> topics = new ArrayList<>();
        byKey.values().forEach(group -> topics.add(new Topic(mostCommon(group.stream().map(Row::topic).toList()),
                group.size(), List.copyOf(group.stream().map(Row::department).collect(Collectors.toCollection(
                        TreeSet::new))), List.copyOf(group.stream().map(Row::channel).collect(Collectors.toCollection(
                        TreeSet::new))), group.stream().limit(EXAMPLES).map(r -> example(r.conversationId()))
                .flatMap(Optional::stream).toList())));
        topics.sort(Comparator.comparingInt(Topic::conversations).reversed()); // stable: first asked first on ties
        return new Summary(month.toString(), rows.size(), topics);
    }

    /** The month now, in the reports' zone. */
    public YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(zone));
    }

    /** How a topic is grouped: case, runs of spaces, ё and surrounding punctuation do not matter. */
    static String key(String topic) {
        String words = topic.toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ").strip();
        String bare = words.replaceAll("^[\\p{Punct}«»„“”\\s]+|[\\p{Punct}«»„“”\\s]+$", "");
        return bare.isEmpty() ? words : bare;
    }

    /** The user's message that reads as the request, else their first; masked and shortened. */
    private Optional<String> example(long conversationId) {
        List<MessageView> fromUser = userMessages(conversationId);
        return fromUser.stream().filter(m -> FeatureRequestDetector.phrase(m.text()).isPresent()).findFirst()
                .or(() -> fromUser.stream().filter(m -> m.text() != null && !m.text().isBlank()).findFirst())
                .map(m -> quote(m.text()));
    }

    private List<MessageView> userMessages(long conversationId) {
        return conversations.messages(conversationId, 0, 200).stream().filter(m -> m.direction() == Direction.IN)
                .toList();
    }

    private static String quote(String text) {
        String masked = PersonalData.mask(text.strip().replaceAll("\\s+", " "));
        return masked.length() <= MAX_QUOTE ? masked : masked.substring(0, MAX_QUOTE - 1) + "…";
    }

    private static String mostCommon(List<String> topics) {
        Map<String, Long> counts = topics.stream().collect(Collectors.groupingBy(Function.identity(),
                LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private ConversationView visible(AgentIdentity who, long conversationId) {
        ConversationView c = conversations.get(conversationId);
        access.requireView(who, c);
        return c;
    }
}
