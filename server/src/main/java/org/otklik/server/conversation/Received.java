package org.otklik.server.conversation;

/** Where an inbound message landed; {@code duplicate} when it had arrived before and nothing new was stored. */
public record Received(long conversationId, long messageId, boolean duplicate) {
}
