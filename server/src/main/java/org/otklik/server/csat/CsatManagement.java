package org.otklik.server.csat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts one rating per closed conversation and answers what a conversation was rated. */
@Service
public class CsatManagement {

    private final JdbcClient jdbc;
    private final ConversationManagement conversations;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;

    CsatManagement(JdbcClient jdbc, ConversationManagement conversations, ApplicationEventPublisher events,
                   InstantSource clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the user's rating; only for a closed conversation, and only once (the primary key guarantees it). */
    @Transactional
    public CsatRating submit(long conversationId, Integer score, String comment) {
        int validScore = Require.range(score, "score", 1, 5);
        String validComment = Require.optionalText(comment, "comment", 2000);
        ConversationView conversation = conversations.get(conversationId);
        if (conversation.status() != ConversationStatus.CLOSED) {
            throw new StateConflict("a rating is accepted only after the conversation is closed (it is "
                    + conversation.status().wire() + ")");
        }
        Instant now = clock.instant();
        Long agentId = conversation.previousAssigneeId();
        try {
            jdbc.sql("""
                    insert into csat_rating (conversation_id, agent_id, score, comment_text, submitted_at)
                    values (?, ?, ?, ?, ?)""")
                    .params(conversationId, agentId, validScore, validComment, Times.toDb(now)).update();
        } catch (DuplicateKeyException e) {
            throw new StateConflict("this conversation has already been rated");
        }
        events.publishEvent(new CsatSubmitted(conversationId, agentId, conversation.department(),
                conversation.channelId(), validScore, now));
        return new CsatRating(conversationId, agentId, validScore, validComment, now);
    }

    public Optional<CsatRating> find(long conversationId) {
        return jdbc.sql("select * from csat_rating where conversation_id = ?").param(conversationId)
                .query(CsatManagement::row).optional();
    }

    public Map<Long, CsatRating> findAll(Collection<Long> conversationIds) {
        Map<Long, CsatRating> ratings = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return ratings;
        }
        String marks = String.join(",", conversationIds.stream().map(id -> "?").toList());
        jdbc.sql("select * from csat_rating where conversation_id in (" + marks + ")")
                .params(conversationIds.stream().map(Object.class::cast).toList())
                .query(CsatManagement::row).list()
                .forEach(r -> ratings.put(r.conversationId(), r));
        return ratings;
    }

    private static CsatRating row(ResultSet rs, int n) throws SQLException {
        return new CsatRating(rs.getLong("conversation_id"), Times.nullableLong(rs, "agent_id"), rs.getInt("score"),
                rs.getString("comment_text"), Times.fromDb(rs, "submitted_at"));
    }
}
