package org.otklik.server.listening;

import java.time.Instant;

/** An agent answered, moved, converted or closed a mention. */
public record MentionHandled(long mentionId, String status, long agentId, Instant at) {
}
