package org.otklik.server.conversation;

import java.time.Instant;

/** An agent went away before answering: the conversation is back at the head of its queue. */
public record ConversationRequeued(long conversationId, long fromAgentId, String department, Instant at) {
}
