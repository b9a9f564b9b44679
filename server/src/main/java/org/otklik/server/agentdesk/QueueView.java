package org.otklik.server.agentdesk;

/** A department queue as the workspace shows it. */
public record QueueView(String department, String name, int length, long oldestMinutes, long estimateMinutes) {
}
