package org.otklik.server.csat;

import java.time.Instant;

/** A user rated a closed conversation. */
public record CsatSubmitted(long conversationId, Long agentId, String department, String channelId, int score,
                           Instant at) {
}
