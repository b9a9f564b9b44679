package org.otklik.engine.routing;

/** A conversation taken back from an agent who went away before answering it; it is at the head of its queue again. */
public record Requeued(long conversationId, long fromAgentId, String department) {
}
