package org.otklik.server.conversation;

import java.time.Instant;

/**
 * A message to the user was stored (an agent's step, an automatic answer, a wait notice, a resolution or rating
 * request), in the transaction that stored it: platform channels deliver it through their outbox.
 */
public record MessageSent(long conversationId, long messageId, String channelId, MessageKind kind, Instant at) {
}
