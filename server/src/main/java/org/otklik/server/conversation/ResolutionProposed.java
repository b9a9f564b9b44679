package org.otklik.server.conversation;

import java.time.Instant;

/** The agent asked the user to confirm that the problem is solved. */
public record ResolutionProposed(long conversationId, long agentId, String channelId, Instant at) {
}
