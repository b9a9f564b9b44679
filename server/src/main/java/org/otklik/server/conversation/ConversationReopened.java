package org.otklik.server.conversation;

import java.time.Instant;

/** The user wrote again soon after a close: the same conversation opened again (and was queued). */
public record ConversationReopened(long conversationId, Long previousAgentId, int reopenCount, Instant at) {
}
