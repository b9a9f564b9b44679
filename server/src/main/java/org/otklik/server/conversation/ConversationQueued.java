package org.otklik.server.conversation;

import java.time.Instant;
import org.otklik.engine.routing.Priority;

/** A conversation entered its department's queue: new, or reopened. {@code preferredAgentId} asks for continuity. */
public record ConversationQueued(long conversationId, String department, String channelId, Instant queuedAt,
                                 Priority priority, Long preferredAgentId) {
}
