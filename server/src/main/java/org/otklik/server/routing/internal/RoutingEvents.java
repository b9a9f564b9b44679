package org.otklik.server.routing.internal;

import org.otklik.engine.routing.QueuedConversation;
import org.otklik.server.agent.AgentPresenceChanged;
import org.otklik.server.agent.AgentRoutingChanged;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationQueued;
import org.otklik.server.conversation.ReplySent;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.shared.Cluster;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Feeds committed conversation and agent events to the dispatcher. Not durable on purpose: after a crash the
 * dispatcher rebuilds everything from the database, which already holds every committed step.
 */
@Component
class RoutingEvents {

    private final Dispatcher dispatcher;
    private final Cluster cluster;

    RoutingEvents(Dispatcher dispatcher, Cluster cluster) {
        this.dispatcher = dispatcher;
        this.cluster = cluster;
        // several nodes: the leader reloads when another node changed something, and when it becomes the leader
        cluster.subscribe(Cluster.ROUTING, change -> dispatcher.changedElsewhere());
        cluster.onLeadership(leading -> {
            if (leading) {
                dispatcher.changedElsewhere();
            }
        });
    }

    /** Tells the leader (another node, maybe) when this transaction commits. */
    private void tellTheLeader() {
        if (!cluster.isLeader()) {
            cluster.publish(Cluster.ROUTING, "changed");
        }
    }

    @EventListener
    void on(ConversationQueued event) {
        tellTheLeader();
        QueuedConversation queued = new QueuedConversation(event.conversationId(), event.department(),
                event.queuedAt(), event.priority(), event.preferredAgentId());
        AfterCommit.run(() -> dispatcher.queued(queued));
    }

    @EventListener
    void on(ConversationClosed event) {
        tellTheLeader();
        AfterCommit.run(() -> dispatcher.released(event.conversationId()));
    }

    @EventListener
    void on(AgentPresenceChanged event) {
        tellTheLeader();
        AfterCommit.run(() -> dispatcher.presenceChanged(event.agentId(), event.presence()));
    }

    @EventListener
    void on(AgentRoutingChanged event) {
        tellTheLeader();
        AfterCommit.run(() -> dispatcher.agentChanged(event.agentId(), event.skills(), event.maxChats()));
    }

    @EventListener
    void on(ReplySent event) {
        tellTheLeader();
        AfterCommit.run(() -> dispatcher.replied(event.conversationId()));
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        dispatcher.rebuild();
    }

    /** Overflow rules, the general pool and updated wait estimates need time to pass, not an event. */
    @Scheduled(fixedDelayString = "${otklik.routing.tick-interval:5s}", initialDelayString = "${otklik.routing.tick-interval:5s}")
    void tick() {
        dispatcher.tick();
    }
}
