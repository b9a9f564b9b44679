package org.otklik.server.conversation;

import java.time.Instant;

/** One lifecycle step of a conversation, from its append-only event history. */
public record TimelineEntry(long id, String type, Instant at, Long agentId, String detail) {
}
