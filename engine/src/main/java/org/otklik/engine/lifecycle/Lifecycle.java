package org.otklik.engine.lifecycle;

import static org.otklik.engine.lifecycle.ConversationStatus.ASSIGNED;
import static org.otklik.engine.lifecycle.ConversationStatus.AWAITING_USER;
import static org.otklik.engine.lifecycle.ConversationStatus.CLOSED;
import static org.otklik.engine.lifecycle.ConversationStatus.RESOLUTION_PROPOSED;
import static org.otklik.engine.lifecycle.ConversationStatus.WAITING;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;

/**
 * The conversation lifecycle: which step is allowed in which state, and the state it leads to.
 *
 * <pre>
 *   open ──> waiting ──assign──> assigned ──reply──> awaiting_user ──user writes──> assigned
 *                                   │                     │
 *                                   └──propose──> resolution_proposed ──confirm──> closed (confirmed)
 *                                                     │   └──reject / user writes──> assigned
 *                                                     └──no answer in time──> closed (auto_closed)
 *   closed ──user writes within the reopen window──> waiting (for the previous agent); later: a new conversation
 * </pre>
 *
 * Pure: every method takes a state and returns the next one; time comes from the injected clock.
 */
public final class Lifecycle {

    private final LifecyclePolicy policy;
    private final InstantSource clock;

    public Lifecycle(LifecyclePolicy policy, InstantSource clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public LifecyclePolicy policy() {
        return policy;
    }

    /** A new conversation, waiting in the given department's queue. */
    public ConversationState open(String department) {
        return new ConversationState(WAITING, department, null, null, clock.instant(), null, null, null, null, 0);
    }

    /** The user wrote into this conversation. */
    public UserMessageOutcome onUserMessage(ConversationState s) {
        if (s.status() == RESOLUTION_PROPOSED && s.assignee() == null) {
            return new UserMessageOutcome.BackToQueue(backToQueue(s));
        }
        return switch (s.status()) {
            case WAITING, ASSIGNED -> new UserMessageOutcome.Appended(s);
            case AWAITING_USER, RESOLUTION_PROPOSED -> new UserMessageOutcome.ReturnedToAgent(
                    new ConversationState(ASSIGNED, s.department(), s.assignee(), s.previousAssignee(), s.queuedAt(),
                            s.firstReplyAt(), null, null, null, s.reopenCount()));
            case CLOSED -> {
                Instant now = clock.instant();
                if (s.closedAt() != null && !now.isAfter(s.closedAt().plus(policy.reopenWindow()))) {
                    yield new UserMessageOutcome.Reopened(new ConversationState(WAITING, s.department(), null,
                            s.previousAssignee(), now, null, null, null, null, s.reopenCount() + 1));
                }
                yield new UserMessageOutcome.StartsNewConversation(s);
            }
        };
    }

    /** Routing gave the waiting conversation to an agent. */
    public ConversationState assign(ConversationState s, long agentId) {
        require(s, Set.of(WAITING), "assign");
        return new ConversationState(ASSIGNED, s.department(), agentId, agentId, s.queuedAt(), s.firstReplyAt(),
                null, null, null, s.reopenCount());
    }

    /**
     * The agent went away before answering: the conversation goes back to its queue (keeping its arrival time, so it is
     * served first). Only a conversation its agent has not answered yet can go back.
     */
    public ConversationState returnToQueue(ConversationState s) {
        require(s, Set.of(ASSIGNED), "return to the queue");
        if (s.firstReplyAt() != null) {
            throw new LifecycleViolation(s.status(), "an answered conversation stays with its agent");
        }
        return new ConversationState(WAITING, s.department(), null, s.assignee(), s.queuedAt(), null, null, null, null,
                s.reopenCount());
    }

    /** An overflow rule moved the waiting conversation to another department's queue. */
    public ConversationState moveToDepartment(ConversationState s, String department) {
        require(s, Set.of(WAITING), "move to another department");
        return new ConversationState(WAITING, department, null, s.previousAssignee(), s.queuedAt(), null, null, null,
                null, s.reopenCount());
    }

    /**
     * The assigned agent sent the user one step. A reply after a proposed resolution keeps the proposal pending
     * (the agent added a detail); otherwise the next step becomes the user's.
     */
    public ConversationState agentReplied(ConversationState s, long agentId) {
        requireHeldBy(s, agentId, "reply");
        Instant firstReply = s.firstReplyAt() != null ? s.firstReplyAt() : clock.instant();
        ConversationStatus next = s.status() == RESOLUTION_PROPOSED ? RESOLUTION_PROPOSED : AWAITING_USER;
        return new ConversationState(next, s.department(), s.assignee(), s.previousAssignee(), s.queuedAt(),
                firstReply, s.resolutionProposedAt(), null, null, s.reopenCount());
    }

    /** The assigned agent believes the problem is solved and asks the user to confirm. */
    public ConversationState proposeResolution(ConversationState s, long agentId) {
        requireHeldBy(s, agentId, "propose a resolution");
        if (s.status() == RESOLUTION_PROPOSED) {
            throw new LifecycleViolation(s.status(), "a resolution is already proposed");
        }
        return new ConversationState(RESOLUTION_PROPOSED, s.department(), s.assignee(), s.previousAssignee(),
                s.queuedAt(), s.firstReplyAt(), clock.instant(), null, null, s.reopenCount());
    }

    /** The user confirmed the problem is solved: the only way a conversation closes as {@code confirmed}. */
    public ConversationState confirmResolution(ConversationState s) {
        require(s, Set.of(RESOLUTION_PROPOSED), "confirm");
        return close(s, CloseReason.CONFIRMED);
    }

    /**
     * The FAQ answered a new conversation by itself: the user is asked whether it helped. No agent holds it; if the
     * user says no or writes again, it goes to the queue keeping its arrival time.
     */
    public ConversationState answerAutomatically(ConversationState s) {
        require(s, Set.of(WAITING), "answer automatically");
        return new ConversationState(RESOLUTION_PROPOSED, s.department(), null, s.previousAssignee(), s.queuedAt(),
                null, clock.instant(), null, null, s.reopenCount());
    }

    private static ConversationState backToQueue(ConversationState s) {
        return new ConversationState(WAITING, s.department(), null, s.previousAssignee(), s.queuedAt(), null, null,
                null, null, s.reopenCount());
    }

    /** The user said the problem is not solved: back to the agent (or to the queue, after an automatic answer). */
    public ConversationState rejectResolution(ConversationState s) {
        require(s, Set.of(RESOLUTION_PROPOSED), "reject");
        if (s.assignee() == null) {
            return backToQueue(s);
        }
        return new ConversationState(ASSIGNED, s.department(), s.assignee(), s.previousAssignee(), s.queuedAt(),
                s.firstReplyAt(), null, null, null, s.reopenCount());
    }

    /** True when a proposed resolution has gone unanswered for the policy's auto-close time. */
    public boolean isAutoCloseDue(ConversationState s) {
        return s.status() == RESOLUTION_PROPOSED && s.resolutionProposedAt() != null
                && !clock.instant().isBefore(s.resolutionProposedAt().plus(policy.autoCloseAfter()));
    }

    /** Closes a proposal the user never answered; counted apart from confirmed closes. */
    public ConversationState autoClose(ConversationState s) {
        if (!isAutoCloseDue(s)) {
            throw new LifecycleViolation(s.status(), "auto-close is not due");
        }
        return close(s, CloseReason.AUTO_CLOSED);
    }

    /** The user left while still waiting (nobody had taken it): closed as abandoned, without a rating request. */
    public ConversationState abandon(ConversationState s) {
        require(s, Set.of(WAITING), "abandon");
        return close(s, CloseReason.ABANDONED);
    }

    /** The first moment {@link #isAutoCloseDue} holds for this state, or null if it never will. */
    public Instant autoCloseDueAt(ConversationState s) {
        return s.status() == RESOLUTION_PROPOSED && s.resolutionProposedAt() != null
                ? s.resolutionProposedAt().plus(policy.autoCloseAfter()) : null;
    }

    private ConversationState close(ConversationState s, CloseReason reason) {
        return new ConversationState(CLOSED, s.department(), null, s.assignee(), s.queuedAt(), s.firstReplyAt(),
                s.resolutionProposedAt(), clock.instant(), reason, s.reopenCount());
    }

    private static void require(ConversationState s, Set<ConversationStatus> allowed, String step) {
        if (!allowed.contains(s.status())) {
            throw new LifecycleViolation(s.status(), "cannot " + step + " a conversation that is " + s.status().wire());
        }
    }

    private static void requireHeldBy(ConversationState s, long agentId, String step) {
        require(s, Set.of(ASSIGNED, AWAITING_USER, RESOLUTION_PROPOSED), step);
        if (s.assignee() == null || s.assignee() != agentId) {
            throw new LifecycleViolation(s.status(), "only the assigned agent can " + step);
        }
    }
}
