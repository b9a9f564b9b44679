package org.otklik.server.conversation;

import java.time.Instant;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.routing.Priority;

/** A conversation as read by the workspace and the APIs. */
public record ConversationView(
        long id,
        String channelId,
        long contactId,
        String contactExternalId,
        String contactName,
        boolean contactVip,
        ConversationStatus status,
        String department,
        Priority priority,
        Long assigneeId,
        Long previousAssigneeId,
        Long preferredAgentId,
        String assignmentReason,
        CloseReason closeReason,
        int reopenCount,
        Instant createdAt,
        Instant queuedAt,
        Instant assignedAt,
        Instant firstReplyAt,
        Instant resolutionProposedAt,
        Instant closedAt,
        Instant updatedAt) {
}
