package org.otklik.server.agent;

import java.time.Instant;
import java.util.Set;

/** An agent was created, or their skills or chat cap changed. */
public record AgentRoutingChanged(long agentId, Set<String> skills, int maxChats, Instant at) {
}
