package org.otklik.server.conversation;

import java.time.Instant;

/** Routing gave a waiting conversation to an agent, for the stated reason. */
public record ConversationAssigned(long conversationId, long agentId, String department, String channelId,
                                   Instant queuedAt, Instant assignedAt, String reason) {
}
