package org.otklik.server.agentdesk;

import java.time.Instant;
import org.otklik.engine.routing.QueuePosition;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.csat.CsatRating;

/** The API's JSON shape of a conversation ({@code assignee} is the agent's login, {@code channel} the channel id). */
public record ConversationJson(long id, String status, String department, String channel, String assignee,
                        CsatJson csat, String closeReason, String priority, ContactJson contact, QueueJson queue,
                        String assignmentReason, int reopenCount, Instant createdAt, Instant queuedAt,
                        Instant assignedAt, Instant firstReplyAt, Instant resolutionProposedAt, Instant closedAt,
                        Instant updatedAt) {

    public record CsatJson(int score, String comment, Instant submittedAt) {
    }

    public record ContactJson(long id, String externalId, String name, boolean vip) {
    }

    public record QueueJson(int position, long estimatedWaitSeconds) {
    }

    public record MessageJson(long id, String direction, String kind, String text, Long agentId, Instant createdAt) {
        static MessageJson of(MessageView m) {
            return new MessageJson(m.id(), m.direction().wire(), m.kind().wire(), m.text(), m.agentId(),
                    m.createdAt());
        }
    }

    static ConversationJson of(ConversationView c, String assigneeLogin, CsatRating rating, QueuePosition position) {
        return new ConversationJson(c.id(), c.status().wire(), c.department(), c.channelId(), assigneeLogin,
                rating == null ? null : new CsatJson(rating.score(), rating.comment(), rating.submittedAt()),
                c.closeReason() == null ? null : c.closeReason().wire(), c.priority().wire(),
                new ContactJson(c.contactId(), c.contactExternalId(), c.contactName(), c.contactVip()),
                position == null ? null : new QueueJson(position.position(), position.estimatedWait().toSeconds()),
                c.assignmentReason(), c.reopenCount(), c.createdAt(), c.queuedAt(), c.assignedAt(), c.firstReplyAt(),
                c.resolutionProposedAt(), c.closedAt(), c.updatedAt());
    }
}
