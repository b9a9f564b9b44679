package org.otklik.engine.routing;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Mutable routing view of one agent; owned by {@link Router}. */
final class AgentSeat {

    final long id;
    Set<String> skills;
    int maxChats;
    Presence presence = Presence.OFFLINE;
    final Set<Long> held = new HashSet<>();
    Instant lastAssignedAt;

    AgentSeat(long id, Set<String> skills, int maxChats) {
        this.id = id;
        this.skills = Set.copyOf(skills);
        this.maxChats = maxChats;
    }

    boolean canTake(String department) {
        return presence == Presence.ONLINE && held.size() < maxChats && skills.contains(department);
    }

    AgentLoad load() {
        return new AgentLoad(id, presence, skills, held.size(), maxChats);
    }
}
