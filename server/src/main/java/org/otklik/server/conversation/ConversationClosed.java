package org.otklik.server.conversation;

import java.time.Instant;
import org.otklik.engine.lifecycle.CloseReason;

/** A conversation closed: confirmed by the user, or auto-closed after an unanswered proposal. */
public record ConversationClosed(long conversationId, Long agentId, String department, String channelId,
                                 CloseReason reason, Instant at) {
}
