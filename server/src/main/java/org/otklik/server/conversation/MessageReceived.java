package org.otklik.server.conversation;

import java.time.Instant;

/** A user's message was stored (first delivery only). {@code assigneeId} is who holds the conversation now, if anyone. */
public record MessageReceived(long conversationId, long messageId, String channelId, String department,
                              Long assigneeId, Instant at) {
}
