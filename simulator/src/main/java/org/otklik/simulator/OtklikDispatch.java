package org.otklik.simulator;

import java.time.Duration;
import java.time.InstantSource;
import org.otklik.engine.routing.Assignment;
import org.otklik.engine.routing.Overflowed;
import org.otklik.engine.routing.Presence;
import org.otklik.engine.routing.Priority;
import org.otklik.engine.routing.QueuedConversation;
import org.otklik.engine.routing.Router;

/** The product's policy: the engine's {@link Router}, driven by the simulation's events on its virtual clock. */
final class OtklikDispatch implements Simulation.Dispatch {

    private final Simulation simulation;
    private final Router router;

    OtklikDispatch(Simulation simulation, Scenario scenario, RoutingSetup setup, InstantSource clock) {
        this.simulation = simulation;
        this.router = new Router(setup.policyFor(scenario), clock);
        for (Simulation.SimAgent agent : simulation.agents()) {
            router.putAgent(agent.id, agent.skills, agent.maxChats);
        }
    }

    @Override
    public void arrive(Simulation.Conversation c) {
        router.enqueue(new QueuedConversation(c.id(), c.arrival.department(), c.arrival.at(),
                c.arrival.vip() ? Priority.VIP : Priority.NORMAL, null));
        dispatch();
    }

    @Override
    public Duration toldWait(Simulation.Conversation c) {
        return router.position(c.id()).map(p -> p.estimatedWait()).orElse(null);
    }

    @Override
    public void replied(Simulation.Conversation c) {
        router.markReplied(c.id());
    }

    @Override
    public void done(Simulation.Conversation c) {
        router.release(c.id());
        dispatch();
    }

    @Override
    public boolean leave(Simulation.Conversation c) {
        boolean wasWaiting = router.isWaiting(c.id());
        router.release(c.id());
        return wasWaiting;
    }

    @Override
    public void overflow(Simulation.Conversation c) {
        dispatch();
    }

    @Override
    public void shiftStarted(Simulation.SimAgent agent) {
        router.setPresence(agent.id, Presence.ONLINE);
        dispatch();
    }

    @Override
    public void shiftEnded(Simulation.SimAgent agent) {
        // the agent finishes what they hold (scenario semantics), so nothing is taken back from them
        router.setPresence(agent.id, Presence.AWAY);
    }

    @Override
    public void tick() {
    }

    /** Applies due overflow rules (the engine's), then makes every assignment the router allows. */
    private void dispatch() {
        for (Overflowed o : router.overflowDue()) {
            if (o.rule().toEmail()) {
                simulation.movedToEmail(simulation.conversation(o.conversationId()));
            }
        }
        for (Assignment a : router.dispatch()) {
            simulation.assign(simulation.conversation(a.conversationId()), simulation.agent(a.agentId()));
        }
    }
}
