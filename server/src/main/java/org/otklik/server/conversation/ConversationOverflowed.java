package org.otklik.server.conversation;

import java.time.Instant;

/** An overflow rule moved a conversation that waited too long to another department's queue. */
public record ConversationOverflowed(long conversationId, String fromDepartment, String toDepartment, Instant at) {
}
