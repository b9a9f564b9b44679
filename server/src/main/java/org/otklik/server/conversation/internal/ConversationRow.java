package org.otklik.server.conversation.internal;

import java.time.Instant;
import org.otklik.engine.lifecycle.ConversationState;
import org.otklik.engine.routing.Priority;

/** A stored conversation: its lifecycle state plus what the lifecycle does not decide. */
public record ConversationRow(long id, String channelId, long contactId, Priority priority, Long preferredAgentId,
                              String assignmentReason, Instant createdAt, Instant assignedAt, ConversationState state) {

    /** The same row under its stored id (a conversation decided before it was inserted has id 0). */
    public ConversationRow withId(long storedId) {
        return storedId == id ? this : new ConversationRow(storedId, channelId, contactId, priority, preferredAgentId,
                assignmentReason, createdAt, assignedAt, state);
    }

    public ConversationRow with(ConversationState next) {
        return new ConversationRow(id, channelId, contactId, priority, preferredAgentId, assignmentReason, createdAt,
                assignedAt, next);
    }

    public ConversationRow assigned(ConversationState next, String reason, Instant at) {
        return new ConversationRow(id, channelId, contactId, priority, preferredAgentId, reason, createdAt, at, next);
    }

    /** Back in a queue (reopened, or returned by an agent who went away): no agent, no assignment. */
    public ConversationRow queuedAgain(ConversationState next, Priority newPriority, Long preferred) {
        return new ConversationRow(id, channelId, contactId, newPriority, preferred, null, createdAt, null, next);
    }
}
