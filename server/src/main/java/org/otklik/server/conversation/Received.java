package org.otklik.server.conversation;

import org.otklik.engine.lifecycle.ConversationStatus;

/**
 * Where an inbound message landed; {@code duplicate} when it had arrived before and nothing new was stored.
 * {@code status}: the conversation's as this message left it (before routing took it), or null for a duplicate.
 */
public record Received(long conversationId, long messageId, boolean duplicate, ConversationStatus status) {

    public static Received duplicate(long conversationId, long messageId) {
        return new Received(conversationId, messageId, true, null);
    }
}
