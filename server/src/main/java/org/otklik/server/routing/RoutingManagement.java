package org.otklik.server.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.engine.routing.AgentLoad;
import org.otklik.engine.routing.QueuePosition;
import org.otklik.engine.routing.QueueSnapshot;
import org.otklik.server.routing.internal.Dispatcher;
import org.springframework.stereotype.Service;

/** What routing can tell the rest of Otklik: queue positions and estimates, queue lengths, agents' loads. */
@Service
public class RoutingManagement {

    private final Dispatcher dispatcher;

    RoutingManagement(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Waits until routing has handled everything committed before this call (e.g. the message just received), so
     * that what follows reads settled queues. Call it outside any transaction.
     */
    public void settle() {
        dispatcher.settle();
    }

    /**
     * Where routing has a conversation: waiting at {@code position}, or held by the agent {@code holder} (assigned to
     * them, or awaiting the user in their chat), or neither (null both: closed, or not routed).
     */
    public record Placement(QueuePosition position, Long holder) {
    }

    /**
     * {@link #settle()}, then where routing has the conversation, in one step of the routing thread; empty when this
     * node's routing cannot say (a follower's queues are only a copy of the database).
     */
    public Optional<Placement> settleAndPlace(long conversationId) {
        return Optional.ofNullable(dispatcher.settleThen(router -> new Placement(
                router.position(conversationId).orElse(null), router.holder(conversationId).orElse(null))));
    }

    /** Where a waiting conversation stands in its queue, or empty if it is not waiting. */
    public Optional<QueuePosition> position(long conversationId) {
        return dispatcher.read(router -> router.position(conversationId));
    }

    /** Queue positions of those of the given conversations that are waiting, in one look. */
    public Map<Long, QueuePosition> positions(Collection<Long> conversationIds) {
        return dispatcher.read(router -> {
            Map<Long, QueuePosition> positions = new HashMap<>();
            for (long id : conversationIds) {
                router.position(id).ifPresent(p -> positions.put(id, p));
            }
            return positions;
        });
    }

    public List<QueueSnapshot> queues() {
        return dispatcher.queues();
    }

    public List<AgentLoad> agentLoads() {
        return dispatcher.read(router -> router.agents());
    }

    public Optional<AgentLoad> agentLoad(long agentId) {
        return dispatcher.read(router -> router.agent(agentId));
    }
}
