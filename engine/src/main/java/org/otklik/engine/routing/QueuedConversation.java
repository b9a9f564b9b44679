package org.otklik.engine.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A conversation waiting for an agent.
 *
 * @param id             the conversation's id
 * @param department     the queue it waits in; only agents with this skill take it
 * @param queuedAt       when it entered the queue (the FIFO key)
 * @param priority       served before lower priorities
 * @param preferredAgent the agent who had this user before (continuity), or null
 */
public record QueuedConversation(long id, String department, Instant queuedAt, Priority priority, Long preferredAgent) {

    /** Service order: higher priority first, then longest waiting, then lowest id (a total order). */
    public static final Comparator<QueuedConversation> SERVICE_ORDER = Comparator
            .comparingInt((QueuedConversation c) -> -c.priority().rank())
            .thenComparing(QueuedConversation::queuedAt)
            .thenComparingLong(QueuedConversation::id);

    public QueuedConversation {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(priority, "priority");
    }
}
