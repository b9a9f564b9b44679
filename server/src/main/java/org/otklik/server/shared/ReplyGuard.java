package org.otklik.server.shared;

/**
 * A check every agent's reply passes before it is stored: a module that knows what must never reach a user (the
 * data a service promised never to reveal) refuses the reply with {@link InvalidInput} naming the field.
 */
public interface ReplyGuard {

    /** Refuses {@code text} for this conversation, or returns quietly. */
    void check(long conversationId, String text, String field);
}
