package org.otklik.engine.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * The lifecycle-relevant state of one conversation: an immutable value the {@link Lifecycle} turns into the next one.
 *
 * @param status               where the conversation stands
 * @param department           the department queue it belongs to
 * @param assignee             the agent holding it, or null
 * @param previousAssignee     the agent who held it last (kept after close, for continuity on reopen), or null
 * @param queuedAt             when it last entered a queue
 * @param firstReplyAt         the agent's first reply since it was (re)opened, or null
 * @param resolutionProposedAt when the pending resolution was proposed, or null
 * @param closedAt             when it closed, or null while open
 * @param closeReason          why it closed, or null while open
 * @param reopenCount          how many times a closed conversation was reopened
 */
public record ConversationState(
        ConversationStatus status,
        String department,
        Long assignee,
        Long previousAssignee,
        Instant queuedAt,
        Instant firstReplyAt,
        Instant resolutionProposedAt,
        Instant closedAt,
        CloseReason closeReason,
        int reopenCount) {

    public ConversationState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }

    ConversationState withStatus(ConversationStatus next) {
        return new ConversationState(next, department, assignee, previousAssignee, queuedAt, firstReplyAt,
                resolutionProposedAt, closedAt, closeReason, reopenCount);
    }

    public boolean isHeldBy(long agentId) {
        return status.occupiesAgent() && assignee != null && assignee == agentId;
    }
}
