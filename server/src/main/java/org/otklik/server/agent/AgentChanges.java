package org.otklik.server.agent;

import java.util.Set;

/** A partial update of an agent: null fields stay as they are. */
public record AgentChanges(String displayName, String password, Role role, Set<String> skills, Integer maxChats) {
}
