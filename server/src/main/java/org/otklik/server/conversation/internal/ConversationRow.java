package org.otklik.server.conversation.internal;

import java.time.Instant;
import org.otklik.engine.lifecycle.ConversationState;
import org.otklik.engine.routing.Priority;

/** A stored conversation: its lifecycle state plus what the lifecycle does not decide. */
public record ConversationRow(long id, String channelId, long contactId, Priority priority, String assignmentReason,
                              Instant createdAt, Instant assignedAt, ConversationState state) {

    public ConversationRow with(ConversationState next) {
        return new ConversationRow(id, channelId, contactId, priority, assignmentReason, createdAt, assignedAt, next);
    }

    public ConversationRow assigned(ConversationState next, String reason, Instant at) {
        return new ConversationRow(id, channelId, contactId, priority, reason, createdAt, at, next);
    }

    public ConversationRow requeued(ConversationState next, Priority newPriority) {
        return new ConversationRow(id, channelId, contactId, newPriority, null, createdAt, null, next);
    }
}
