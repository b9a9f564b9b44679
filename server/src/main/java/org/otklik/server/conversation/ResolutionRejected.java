package org.otklik.server.conversation;

import java.time.Instant;

/** The user said the problem is not solved; the conversation is back with its agent. */
public record ResolutionRejected(long conversationId, long agentId, String channelId, Instant at) {
}
