package org.otklik.server.escalation;

import java.time.Instant;

/** An agent escalated a conversation: to its department's lead, or shared it read-only with PR or developers. */
public record ConversationEscalated(long escalationId, long conversationId, String target, long agentId,
                                    String department, String channelId, Instant at) {
}
