package org.otklik.engine.routing;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation waiting for an agent.
 *
 * @param id             the conversation's id
 * @param department     the queue it waits in; only agents with this skill take it
 * @param queuedAt       when it entered the queue (the first-in-first-out key)
 * @param priority       how far ahead of its arrival it is queued (see {@link Priority})
 * @param preferredAgent the agent who had this user before (continuity), or null
 */
public record QueuedConversation(long id, String department, Instant queuedAt, Priority priority, Long preferredAgent) {

    public QueuedConversation {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(priority, "priority");
    }

    public QueuedConversation inDepartment(String other) {
        return new QueuedConversation(id, other, queuedAt, priority, preferredAgent);
    }
}
