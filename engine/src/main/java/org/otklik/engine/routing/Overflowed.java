package org.otklik.engine.routing;

/** A conversation an overflow rule took out of its queue: to another department's queue, or to email. */
public record Overflowed(long conversationId, String fromDepartment, OverflowRule rule) {
}
