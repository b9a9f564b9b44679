package org.otklik.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The straightforward way to route, for comparison: on every decision, walk the waiting conversations in arrival
 * order and, for each, scan every agent for one that is online, skilled and has a free slot, taking the least loaded.
 * Same rules as the engine's router for this benchmark (no priorities), none of its indexes.
 */
final class NaiveRouter {

    record Agent(long id, Set<String> skills, int maxChats) {
    }

    private final List<Agent> agents = new ArrayList<>();
    private final Map<Long, Integer> load = new HashMap<>();
    private final Map<Long, Long> holder = new HashMap<>();
    private final LinkedHashMap<Long, String> waiting = new LinkedHashMap<>();

    void putAgent(long id, Set<String> skills, int maxChats) {
        agents.add(new Agent(id, skills, maxChats));
        load.put(id, 0);
    }

    void enqueue(long conversation, String department) {
        waiting.put(conversation, department);
    }

    void hold(long agent, long conversation) {
        holder.put(conversation, agent);
        load.merge(agent, 1, Integer::sum);
    }

    void release(long conversation) {
        Long agent = holder.remove(conversation);
        if (agent != null) {
            load.merge(agent, -1, Integer::sum);
        }
    }

    record Decision(long conversation, long agent) {
    }

    /** Makes one assignment if any is possible; returns it, or null. */
    Decision dispatchOne() {
        for (Iterator<Map.Entry<Long, String>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, String> c = it.next();
            Agent best = null;
            for (Agent a : agents) {
                int held = load.get(a.id());
                if (held < a.maxChats() && a.skills().contains(c.getValue())
                        && (best == null || held < load.get(best.id()))) {
                    best = a;
                }
            }
            if (best != null) {
                it.remove();
                hold(best.id(), c.getKey());
                return new Decision(c.getKey(), best.id());
            }
        }
        return null;
    }
}
