package org.otklik.server.agent;

import java.time.Instant;
import java.util.Set;
import org.otklik.engine.routing.Presence;

/** An agent as the rest of Otklik sees them. */
public record Agent(long id, String login, String displayName, Role role, Set<String> skills, int maxChats,
                    Presence presence, Instant createdAt) {

    public AgentIdentity identity() {
        return new AgentIdentity(id, login, displayName, role);
    }

    public boolean hasSkill(String department) {
        return skills.contains(department);
    }
}
