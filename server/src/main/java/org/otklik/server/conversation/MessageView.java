package org.otklik.server.conversation;

import java.time.Instant;

/** One message of a conversation; {@code agentId} is set on agents' replies. */
public record MessageView(long id, long conversationId, Direction direction, MessageKind kind, String text,
                          Long agentId, Instant createdAt) {
}
