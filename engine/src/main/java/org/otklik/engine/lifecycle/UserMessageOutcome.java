package org.otklik.engine.lifecycle;

/** What a user's new message does to the conversation it arrives in. */
public sealed interface UserMessageOutcome {

    /** The conversation's state after the message; for {@link StartsNewConversation}, the old one unchanged. */
    ConversationState state();

    /** Added to a conversation that stays as it was (still waiting, or already with the agent). */
    record Appended(ConversationState state) implements UserMessageOutcome {
    }

    /** The user answered while the next step was theirs: the conversation goes back to its agent. */
    record ReturnedToAgent(ConversationState state) implements UserMessageOutcome {
    }

    /** The user wrote after an automatic answer instead of confirming it: the conversation goes to the queue. */
    record BackToQueue(ConversationState state) implements UserMessageOutcome {
    }

    /** The user wrote again soon after a close: the conversation reopens and queues for its previous agent. */
    record Reopened(ConversationState state) implements UserMessageOutcome {
    }

    /** The user wrote long after a close: the message starts a new conversation. */
    record StartsNewConversation(ConversationState state) implements UserMessageOutcome {
    }
}
