package org.otklik.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: what the most popular open-source desk does. On arrival the conversation goes to the next online agent
 * in strict rotation who has the skill and a free slot; if there is none it stays unassigned, and a periodic job
 * retries unassigned conversations, oldest first, every 15 minutes. No priorities, no wait estimate. The scenario's
 * global cap, patience and overflow apply to it as to every policy.
 */
final class RoundRobinDispatch implements Simulation.Dispatch {

    static final Duration RETRY_EVERY = Duration.ofMinutes(15);

    private final Simulation simulation;
    private final int globalMaxActive;
    private final List<Simulation.SimAgent> rotation;
    private final Map<Long, Simulation.Conversation> unassigned = new LinkedHashMap<>();
    private int next;
    private int active;

    RoundRobinDispatch(Simulation simulation, Scenario scenario) {
        this.simulation = simulation;
        this.globalMaxActive = scenario.globalMaxActive();
        this.rotation = simulation.agents();
    }

    @Override
    public void arrive(Simulation.Conversation c) {
        if (!tryAssign(c)) {
            unassigned.put(c.id(), c);
        }
    }

    @Override
    public Duration toldWait(Simulation.Conversation c) {
        return null;
    }

    @Override
    public void replied(Simulation.Conversation c) {
    }

    @Override
    public void done(Simulation.Conversation c) {
        active--;
    }

    @Override
    public boolean leave(Simulation.Conversation c) {
        return unassigned.remove(c.id()) != null;
    }

    @Override
    public void overflow(Simulation.Conversation c) {
        if (unassigned.remove(c.id()) != null) {
            simulation.movedToEmail(c);
        }
    }

    @Override
    public void shiftStarted(Simulation.SimAgent agent) {
    }

    @Override
    public void shiftEnded(Simulation.SimAgent agent) {
    }

    /** The periodic job: retry every unassigned conversation, oldest first. */
    @Override
    public void tick() {
        for (Simulation.Conversation c : new ArrayList<>(unassigned.values())) {
            if (tryAssign(c)) {
                unassigned.remove(c.id());
            }
        }
    }

    private boolean tryAssign(Simulation.Conversation c) {
        if (globalMaxActive > 0 && active >= globalMaxActive) {
            return false;
        }
        int n = rotation.size();
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            Simulation.SimAgent agent = rotation.get(i);
            if (agent.onShift && agent.active < agent.maxChats && agent.skills.contains(c.arrival.department())) {
                next = (i + 1) % n;
                active++;
                simulation.assign(c, agent);
                return true;
            }
        }
        return false;
    }
}
