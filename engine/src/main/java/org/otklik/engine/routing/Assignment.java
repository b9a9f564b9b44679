package org.otklik.engine.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * A routing decision: this conversation goes to this agent, and why.
 *
 * @param reason a short explanation an operator can read, e.g. {@code "least loaded: 1/4 chats; skill payments"}
 */
public record Assignment(long conversationId, long agentId, String department, Instant queuedAt, Instant assignedAt,
                         String reason) {

    public Duration waited() {
        return Duration.between(queuedAt, assignedAt);
    }
}
