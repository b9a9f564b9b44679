package org.otklik.engine.routing;

import java.util.Set;

/** An agent as routing sees them: presence, skills, and how many of their chat slots are taken. */
public record AgentLoad(long agentId, Presence presence, Set<String> skills, int activeChats, int maxChats) {

    public boolean hasFreeSlot() {
        return activeChats < maxChats;
    }
}
