package org.otklik.engine.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Mutable routing view of one agent; owned by {@link Router}, which keeps its indexes in step with it. */
final class AgentSeat {

    final long id;
    Set<String> skills;
    int maxChats;
    Presence presence = Presence.OFFLINE;
    final Set<Long> held = new HashSet<>();
    final Map<String, Integer> heldByDepartment = new HashMap<>();
    Instant lastAssignedAt;
    /** The departments whose free-agent index currently contains this seat. */
    final Set<String> indexedIn = new HashSet<>();

    AgentSeat(long id, Set<String> skills, int maxChats) {
        this.id = id;
        this.skills = Set.copyOf(skills);
        this.maxChats = maxChats;
    }

    boolean canTake(String department, Integer departmentCap) {
        boolean skilled = skills.contains(department) || OverflowRule.ANY_AGENT.equals(department);
        return presence == Presence.ONLINE && held.size() < maxChats && skilled
                && (departmentCap == null || heldByDepartment.getOrDefault(department, 0) < departmentCap);
    }

    void take(long conversationId, String department) {
        held.add(conversationId);
        heldByDepartment.merge(department, 1, Integer::sum);
    }

    void drop(long conversationId, String department) {
        if (held.remove(conversationId)) {
            heldByDepartment.computeIfPresent(department, (d, n) -> n > 1 ? n - 1 : null);
        }
    }

    AgentLoad load() {
        return new AgentLoad(id, presence, skills, held.size(), maxChats);
    }
}
