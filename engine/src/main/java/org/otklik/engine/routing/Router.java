package org.otklik.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Department queues and agents' chat slots, and the decision which waiting conversation goes to which agent.
 *
 * <p>Rules: a conversation waits in its department's queue; only an online agent with that department as a skill and
 * a free slot (fewer held conversations than their cap) takes it. Across all queues the highest priority, then the
 * longest-waiting conversation that some agent can take goes first; it goes to its previous agent when that agent can
 * take it (continuity), else to the least-loaded eligible agent (ties: the one who got a conversation least recently).
 *
 * <p>Not thread-safe: the owner serialises calls. Holds no I/O; all time comes from the injected clock.
 */
public final class Router {

    private final InstantSource clock;
    private final WaitEstimator estimator;
    private final Map<Long, AgentSeat> agents = new HashMap<>();
    private final Map<String, TreeSet<QueuedConversation>> queues = new TreeMap<>();
    private final Map<Long, QueuedConversation> waiting = new HashMap<>();
    private final Map<Long, AgentSeat> holders = new HashMap<>();

    public Router(RoutingPolicy policy, InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.estimator = new WaitEstimator(Objects.requireNonNull(policy, "policy"));
    }

    /** Adds an agent (offline until told otherwise) or updates their skills and cap, keeping what they hold. */
    public void putAgent(long agentId, Set<String> skills, int maxChats) {
        if (maxChats < 0) {
            throw new IllegalArgumentException("maxChats must not be negative");
        }
        AgentSeat seat = agents.get(agentId);
        if (seat == null) {
            agents.put(agentId, new AgentSeat(agentId, skills, maxChats));
        } else {
            seat.skills = Set.copyOf(skills);
            seat.maxChats = maxChats;
        }
    }

    public void setPresence(long agentId, Presence presence) {
        seat(agentId).presence = Objects.requireNonNull(presence, "presence");
    }

    /**
     * Puts a conversation in its department's queue.
     *
     * @return false if the router already knows it (waiting or held), which makes repeated offers harmless
     */
    public boolean enqueue(QueuedConversation conversation) {
        if (waiting.containsKey(conversation.id()) || holders.containsKey(conversation.id())) {
            return false;
        }
        waiting.put(conversation.id(), conversation);
        queues.computeIfAbsent(conversation.department(), d -> new TreeSet<>(QueuedConversation.SERVICE_ORDER))
                .add(conversation);
        return true;
    }

    /** Records that an agent holds a conversation (used when rebuilding from storage). */
    public void hold(long agentId, long conversationId) {
        withdraw(conversationId);
        AgentSeat seat = seat(agentId);
        AgentSeat previous = holders.put(conversationId, seat);
        if (previous != null && previous != seat) {
            previous.held.remove(conversationId);
        }
        seat.held.add(conversationId);
    }

    /** The conversation no longer needs routing: frees its agent's slot, or takes it out of its queue. */
    public void release(long conversationId) {
        AgentSeat seat = holders.remove(conversationId);
        if (seat != null) {
            seat.held.remove(conversationId);
        }
        withdraw(conversationId);
    }

    /** Forgets every queue and every held conversation (agents stay); the owner then rebuilds from storage. */
    public void clearConversations() {
        queues.clear();
        waiting.clear();
        holders.clear();
        agents.values().forEach(seat -> seat.held.clear());
    }

    /** Makes every assignment the rules allow right now, in service order, and returns them. */
    public List<Assignment> dispatch() {
        List<Assignment> made = new ArrayList<>();
        Instant now = clock.instant();
        while (true) {
            QueuedConversation next = null;
            AgentSeat taker = null;
            for (TreeSet<QueuedConversation> queue : queues.values()) {
                if (queue.isEmpty()) {
                    continue;
                }
                // the head is the only candidate: whoever cannot take it cannot take anything behind it either
                QueuedConversation head = queue.first();
                if (next != null && QueuedConversation.SERVICE_ORDER.compare(head, next) >= 0) {
                    continue;
                }
                AgentSeat agent = pickAgent(head);
                if (agent != null) {
                    next = head;
                    taker = agent;
                }
            }
            if (next == null) {
                return made;
            }
            made.add(assign(next, taker, now));
        }
    }

    private Assignment assign(QueuedConversation conversation, AgentSeat agent, Instant now) {
        String reason = reason(conversation, agent);
        withdraw(conversation.id());
        holders.put(conversation.id(), agent);
        agent.held.add(conversation.id());
        agent.lastAssignedAt = now;
        estimator.recordAssignment(conversation.department(), now);
        return new Assignment(conversation.id(), agent.id, conversation.department(), conversation.queuedAt(), now,
                reason);
    }

    private AgentSeat pickAgent(QueuedConversation conversation) {
        if (conversation.preferredAgent() != null) {
            AgentSeat previous = agents.get(conversation.preferredAgent());
            if (previous != null && previous.canTake(conversation.department())) {
                return previous;
            }
        }
        AgentSeat best = null;
        for (AgentSeat seat : agents.values()) {
            if (seat.canTake(conversation.department()) && (best == null || LEAST_LOADED.compare(seat, best) < 0)) {
                best = seat;
            }
        }
        return best;
    }

    private static final Comparator<AgentSeat> LEAST_LOADED = Comparator
            .comparingInt((AgentSeat s) -> s.held.size())
            .thenComparing(s -> s.lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(s -> s.id);

    private String reason(QueuedConversation conversation, AgentSeat agent) {
        String load = "had " + agent.held.size() + "/" + agent.maxChats + " chats";
        String priority = conversation.priority() == Priority.NORMAL ? "" : "; priority " + conversation.priority().wire();
        if (conversation.preferredAgent() != null && conversation.preferredAgent() == agent.id) {
            return "continuity: back to the previous agent (" + load + ")" + priority;
        }
        return "least loaded: " + load + "; skill " + conversation.department() + priority;
    }

    /** Where a waiting conversation stands, or empty if it is not waiting. */
    public Optional<QueuePosition> position(long conversationId) {
        QueuedConversation conversation = waiting.get(conversationId);
        if (conversation == null) {
            return Optional.empty();
        }
        TreeSet<QueuedConversation> queue = queues.get(conversation.department());
        int position = queue.headSet(conversation, false).size() + 1;
        Duration estimate = estimator.estimate(conversation.department(), position,
                onlineCapacity(conversation.department()), clock.instant());
        return Optional.of(new QueuePosition(conversationId, conversation.department(), position, estimate));
    }

    /** Every department queue (including empty ones of the given departments), for dashboards. */
    public List<QueueSnapshot> snapshot(Collection<String> departments) {
        TreeSet<String> names = new TreeSet<>(departments);
        names.addAll(queues.keySet());
        Instant now = clock.instant();
        List<QueueSnapshot> result = new ArrayList<>();
        for (String department : names) {
            TreeSet<QueuedConversation> queue = queues.get(department);
            int length = queue == null ? 0 : queue.size();
            Instant oldest = queue == null ? null
                    : queue.stream().map(QueuedConversation::queuedAt).min(Comparator.naturalOrder()).orElse(null);
            Duration forNew = estimator.estimate(department, length + 1, onlineCapacity(department), now);
            result.add(new QueueSnapshot(department, length, oldest, forNew));
        }
        return result;
    }

    public Optional<AgentLoad> agent(long agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(AgentSeat::load);
    }

    public List<AgentLoad> agents() {
        return agents.values().stream().map(AgentSeat::load)
                .sorted(Comparator.comparingLong(AgentLoad::agentId)).toList();
    }

    public boolean isWaiting(long conversationId) {
        return waiting.containsKey(conversationId);
    }

    /** The agent holding a conversation, if any. */
    public Optional<Long> holder(long conversationId) {
        return Optional.ofNullable(holders.get(conversationId)).map(seat -> seat.id);
    }

    private int onlineCapacity(String department) {
        int capacity = 0;
        for (AgentSeat seat : agents.values()) {
            if (seat.presence == Presence.ONLINE && seat.skills.contains(department)) {
                capacity += seat.maxChats;
            }
        }
        return capacity;
    }

    private void withdraw(long conversationId) {
        QueuedConversation conversation = waiting.remove(conversationId);
        if (conversation != null) {
            queues.get(conversation.department()).remove(conversation);
        }
    }

    private AgentSeat seat(long agentId) {
        AgentSeat seat = agents.get(agentId);
        if (seat == null) {
            throw new IllegalArgumentException("unknown agent " + agentId);
        }
        return seat;
    }
}
