package org.otklik.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Department queues, agents' chat slots, and the decision which waiting conversation goes to which agent.
 *
 * <p>The rules, in order:
 * <ol>
 * <li>A conversation waits in its department's queue, ordered by arrival time minus its priority's head start
 *     (VIP, reopened, urgent): strictly first-in-first-out within a priority, and nobody who has waited longer than
 *     every head start is overtaken.</li>
 * <li>An agent takes a conversation only while online, with the department among their skills, fewer held
 *     conversations than their cap, fewer of this department than its per-agent cap (if any), and while the global
 *     cap on conversations in progress (if any) is not reached.</li>
 * <li>Across all queues the first conversation in that order that some agent can take goes first: to its previous
 *     agent when that agent can take it (continuity), else to the least-loaded eligible agent (ties: the one who got a
 *     conversation least recently).</li>
 * <li>An agent who goes away or offline keeps the conversations they have answered; those they have not answered yet
 *     go back to the head of their queue ({@link #goAway}).</li>
 * <li>A conversation that waits longer than its department's overflow rule moves to another department's queue or
 *     leaves for email ({@link #overflowDue}).</li>
 * </ol>
 *
 * <p>Each decision costs O(departments + log agents): every department keeps its eligible agents in an index ordered
 * by load, and only queue heads are considered (whoever cannot take the head cannot take anything behind it).
 * Not thread-safe: the owner serialises calls. No I/O; all time comes from the injected clock.
 */
public final class Router {

    private final RoutingPolicy policy;
    private final InstantSource clock;
    private final WaitEstimator estimator;
    private final Map<Long, AgentSeat> agents = new HashMap<>();
    private final Map<String, DepartmentQueue> queues = new TreeMap<>();
    private final Map<Long, DepartmentQueue.Entry> waiting = new HashMap<>();
    private final Map<Long, Held> held = new HashMap<>();
    /** Whether some rule sends conversations to the general pool, which then needs its own index of agents. */
    private final boolean expandsToAnyAgent;

    private static final class Held {
        final QueuedConversation conversation;
        final AgentSeat agent;
        boolean replied;

        Held(QueuedConversation conversation, AgentSeat agent, boolean replied) {
            this.conversation = conversation;
            this.agent = agent;
            this.replied = replied;
        }
    }

    public Router(RoutingPolicy policy, InstantSource clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.estimator = new WaitEstimator(policy);
        this.expandsToAnyAgent = policy.usesGeneralPool();
    }

    public RoutingPolicy policy() {
        return policy;
    }

    // ---- agents ----------------------------------------------------------------------------------------------------

    /** Adds an agent (offline until told otherwise) or updates their skills and cap, keeping what they hold. */
    public void putAgent(long agentId, Set<String> skills, int maxChats) {
        if (maxChats < 0) {
            throw new IllegalArgumentException("maxChats must not be negative");
        }
        AgentSeat seat = agents.get(agentId);
        if (seat == null) {
            seat = new AgentSeat(agentId, skills, maxChats);
            agents.put(agentId, seat);
            index(seat);
            return;
        }
        unindex(seat);
        seat.skills = Set.copyOf(skills);
        seat.maxChats = maxChats;
        index(seat);
    }

    /** Changes presence and nothing else: what the agent holds stays theirs (e.g. finishing chats after a shift). */
    public void setPresence(long agentId, Presence presence) {
        AgentSeat seat = seat(agentId);
        unindex(seat);
        seat.presence = Objects.requireNonNull(presence, "presence");
        index(seat);
    }

    /**
     * The agent went away or offline: they keep the conversations they have answered, and those they have not
     * answered yet go back to the head of their queues, to be assigned to someone else.
     */
    public List<Requeued> goAway(long agentId, Presence presence) {
        if (presence == Presence.ONLINE) {
            throw new IllegalArgumentException("goAway needs away or offline");
        }
        setPresence(agentId, presence);
        AgentSeat seat = seat(agentId);
        List<Requeued> requeued = new ArrayList<>();
        for (Long id : List.copyOf(seat.held)) {
            Held h = held.get(id);
            if (h == null || h.replied) {
                continue;
            }
            free(id);
            DepartmentQueue queue = queue(h.conversation.department());
            Instant key = keyOf(h.conversation);
            if (!queue.waiting.isEmpty() && !queue.waiting.first().key().isAfter(key)) {
                key = queue.waiting.first().key().minusMillis(1);
            }
            put(new DepartmentQueue.Entry(h.conversation, key, clock.instant()));
            requeued.add(new Requeued(id, agentId, h.conversation.department()));
        }
        return requeued;
    }

    // ---- conversations ---------------------------------------------------------------------------------------------

    /**
     * Puts a conversation in its department's queue.
     *
     * @return false if the router already knows it (waiting or held), which makes repeated offers harmless
     */
    public boolean enqueue(QueuedConversation conversation) {
        if (waiting.containsKey(conversation.id()) || held.containsKey(conversation.id())) {
            return false;
        }
        put(new DepartmentQueue.Entry(conversation, keyOf(conversation), clock.instant()));
        return true;
    }

    /** Records that an agent holds a conversation (when rebuilding from storage). */
    public void hold(long agentId, QueuedConversation conversation, boolean replied) {
        release(conversation.id());
        AgentSeat seat = seat(agentId);
        unindex(seat);
        seat.take(conversation.id(), conversation.department());
        index(seat);
        held.put(conversation.id(), new Held(conversation, seat, replied));
    }

    /** The agent holding this conversation answered it: from now on it stays theirs if they go away. */
    public void markReplied(long conversationId) {
        Held h = held.get(conversationId);
        if (h != null) {
            h.replied = true;
        }
    }

    /**
     * The conversation no longer needs routing (closed, or its user left the queue): frees its agent's slot, or takes
     * it out of its queue.
     */
    public void release(long conversationId) {
        if (!free(conversationId)) {
            withdraw(conversationId);
        }
    }

    /** Forgets every queue and every held conversation (agents stay); the owner then rebuilds from storage. */
    public void clearConversations() {
        for (Long id : List.copyOf(held.keySet())) {
            free(id);
        }
        for (DepartmentQueue queue : queues.values()) {
            queue.waiting.clear();
            queue.byArrival.clear();
        }
        waiting.clear();
    }

    // ---- decisions -------------------------------------------------------------------------------------------------

    /** Makes every assignment the rules allow right now, in service order, and returns them. */
    public List<Assignment> dispatch() {
        List<Assignment> made = new ArrayList<>();
        Instant now = clock.instant();
        while (policy.globalMaxActive() == 0 || held.size() < policy.globalMaxActive()) {
            DepartmentQueue next = null;
            for (DepartmentQueue queue : queues.values()) {
                if (queue.waiting.isEmpty() || queue.free.isEmpty()) {
                    continue;
                }
                if (next == null || DepartmentQueue.SERVICE_ORDER.compare(queue.waiting.first(),
                        next.waiting.first()) < 0) {
                    next = queue;
                }
            }
            if (next == null) {
                return made;
            }
            QueuedConversation conversation = next.waiting.first().conversation();
            AgentSeat previous = conversation.preferredAgent() == null ? null
                    : agents.get(conversation.preferredAgent());
            boolean continuity = previous != null && next.free.contains(previous);
            made.add(assign(conversation, continuity ? previous : next.free.first(), continuity, now));
        }
        return made;
    }

    private Assignment assign(QueuedConversation conversation, AgentSeat agent, boolean continuity, Instant now) {
        String load = "had " + agent.held.size() + "/" + agent.maxChats + " chats";
        String reason = continuity ? "continuity: back to the previous agent (" + load + ")"
                : OverflowRule.ANY_AGENT.equals(conversation.department())
                ? "general pool: waited past the expansion time; least loaded: " + load
                : "least loaded: " + load + "; skill " + conversation.department();
        if (conversation.priority() != Priority.NORMAL) {
            reason += "; priority " + conversation.priority().wire();
        }
        withdraw(conversation.id());
        unindex(agent);
        agent.take(conversation.id(), conversation.department());
        agent.lastAssignedAt = now;
        index(agent);
        held.put(conversation.id(), new Held(conversation, agent, false));
        return new Assignment(conversation.id(), agent.id, conversation.department(), conversation.queuedAt(), now,
                reason);
    }

    /**
     * Applies the departments' overflow rules: every conversation that has waited longer than its department allows
     * leaves that queue, for another department's queue (keeping its place by arrival time) or for email.
     */
    public List<Overflowed> overflowDue() {
        if (policy.overflow().isEmpty() && !policy.usesGeneralPool()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Overflowed> moved = new ArrayList<>();
        for (DepartmentQueue queue : List.copyOf(queues.values())) {
            OverflowRule rule = policy.overflowFor(queue.department);
            if (rule == null || queue.waiting.isEmpty()) {
                continue;
            }
            Instant cutoff = now.minus(rule.after());
            List<DepartmentQueue.Entry> due = new ArrayList<>();
            for (DepartmentQueue.Entry e : queue.byArrival) {
                if (e.conversation().queuedAt().isAfter(cutoff)) {
                    break; // the rest arrived later still
                }
                due.add(e);
            }
            for (DepartmentQueue.Entry e : due) {
                withdraw(e.conversation().id());
                if (!rule.toEmail()) {
                    put(new DepartmentQueue.Entry(e.conversation().inDepartment(rule.target()), e.key(), clock.instant()));
                }
                moved.add(new Overflowed(e.conversation().id(), queue.department, rule));
            }
        }
        return moved;
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /** Where a waiting conversation stands, or empty if it is not waiting. */
    public Optional<QueuePosition> position(long conversationId) {
        DepartmentQueue.Entry entry = waiting.get(conversationId);
        if (entry == null) {
            return Optional.empty();
        }
        String department = entry.conversation().department();
        int position = rank(queue(department).waiting, entry);
        Duration estimate = estimator.estimate(department, position, onlineCapacity(department), clock.instant());
        return Optional.of(new QueuePosition(conversationId, department, position, estimate));
    }

    /** Where every waiting conversation stands, queue by queue in service order. */
    public List<QueuePosition> positions() {
        Instant now = clock.instant();
        List<QueuePosition> all = new ArrayList<>(waiting.size());
        for (DepartmentQueue queue : queues.values()) {
            int capacity = queue.waiting.isEmpty() ? 0 : onlineCapacity(queue.department);
            int position = 0;
            for (DepartmentQueue.Entry e : queue.waiting) {
                position++;
                all.add(new QueuePosition(e.conversation().id(), queue.department, position,
                        estimator.estimate(queue.department, position, capacity, now)));
            }
        }
        return all;
    }

    /** Every department queue (including empty ones of the given departments), for dashboards. */
    public List<QueueSnapshot> snapshot(Collection<String> departments) {
        TreeSet<String> names = new TreeSet<>(departments);
        queues.forEach((name, queue) -> {
            if (!queue.waiting.isEmpty()) {
                names.add(name);
            }
        });
        Instant now = clock.instant();
        List<QueueSnapshot> result = new ArrayList<>();
        for (String department : names) {
            DepartmentQueue queue = queues.get(department);
            int length = queue == null ? 0 : queue.waiting.size();
            Instant oldest = queue == null || queue.byArrival.isEmpty() ? null
                    : queue.byArrival.first().conversation().queuedAt();
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
        return Optional.ofNullable(held.get(conversationId)).map(h -> h.agent.id);
    }

    /** Conversations held by agents right now (what the global cap limits). */
    public int activeCount() {
        return held.size();
    }

    public int waitingCount() {
        return waiting.size();
    }

    // ---- internals -------------------------------------------------------------------------------------------------

    /**
     * The 1-based place of {@code entry} in {@code set}, counting from whichever end is nearer: O(min(place, size -
     * place)), so a new arrival at the tail of a long queue costs little (a TreeSet has no rank of its own).
     */
    static int rank(TreeSet<DepartmentQueue.Entry> set, DepartmentQueue.Entry entry) {
        Iterator<DepartmentQueue.Entry> before = set.headSet(entry, false).iterator();
        Iterator<DepartmentQueue.Entry> after = set.tailSet(entry, false).iterator();
        int ahead = 0;
        int behind = 0;
        while (true) {
            if (!before.hasNext()) {
                return ahead + 1;
            }
            before.next();
            ahead++;
            if (!after.hasNext()) {
                return set.size() - behind;
            }
            after.next();
            behind++;
        }
    }

    private Instant keyOf(QueuedConversation conversation) {
        return conversation.queuedAt().minus(policy.headStart(conversation.priority()));
    }

    private void put(DepartmentQueue.Entry entry) {
        DepartmentQueue queue = queue(entry.conversation().department());
        if (queue.waiting.isEmpty()) {
            estimator.queueStarted(queue.department, clock.instant());
        }
        queue.waiting.add(entry);
        queue.byArrival.add(entry);
        waiting.put(entry.conversation().id(), entry);
    }

    private boolean withdraw(long conversationId) {
        DepartmentQueue.Entry entry = waiting.remove(conversationId);
        if (entry == null) {
            return false;
        }
        DepartmentQueue queue = queue(entry.conversation().department());
        queue.waiting.remove(entry);
        queue.byArrival.remove(entry);
        Instant now = clock.instant();
        estimator.moved(queue.department, now, queue.waiting.size(), Duration.between(entry.enteredAt(), now));
        return true;
    }

    private boolean free(long conversationId) {
        Held h = held.remove(conversationId);
        if (h == null) {
            return false;
        }
        unindex(h.agent);
        h.agent.drop(conversationId, h.conversation.department());
        index(h.agent);
        return true;
    }

    private void unindex(AgentSeat seat) {
        for (String department : seat.indexedIn) {
            queue(department).free.remove(seat);
        }
        seat.indexedIn.clear();
    }

    private void index(AgentSeat seat) {
        for (String department : seat.skills) {
            if (seat.canTake(department, policy.departmentCaps().get(department))) {
                queue(department).free.add(seat);
                seat.indexedIn.add(department);
            }
        }
        if (expandsToAnyAgent && seat.canTake(OverflowRule.ANY_AGENT, null)) {
            queue(OverflowRule.ANY_AGENT).free.add(seat);
            seat.indexedIn.add(OverflowRule.ANY_AGENT);
        }
    }

    private DepartmentQueue queue(String department) {
        return queues.computeIfAbsent(department, DepartmentQueue::new);
    }

    private int onlineCapacity(String department) {
        int capacity = 0;
        boolean pool = OverflowRule.ANY_AGENT.equals(department);
        for (AgentSeat seat : agents.values()) {
            if (seat.presence == Presence.ONLINE && (pool || seat.skills.contains(department))) {
                Integer cap = policy.departmentCaps().get(department);
                capacity += cap == null ? seat.maxChats : Math.min(cap, seat.maxChats);
            }
        }
        return capacity;
    }

    private AgentSeat seat(long agentId) {
        AgentSeat seat = agents.get(agentId);
        if (seat == null) {
            throw new IllegalArgumentException("unknown agent " + agentId);
        }
        return seat;
    }

    /** For consistency checks in tests: every index agrees with the seats and queues it summarises. */
    void checkInvariants() {
        int heldTotal = 0;
        for (AgentSeat seat : agents.values()) {
            heldTotal += seat.held.size();
            List<String> indexed = new ArrayList<>(seat.skills);
            if (expandsToAnyAgent) {
                indexed.add(OverflowRule.ANY_AGENT);
            }
            for (String department : indexed) {
                boolean eligible = seat.canTake(department, policy.departmentCaps().get(department));
                if (eligible != queue(department).free.contains(seat)) {
                    throw new IllegalStateException("free index of " + department + " disagrees on agent " + seat.id);
                }
            }
        }
        if (heldTotal != held.size()) {
            throw new IllegalStateException("held " + held.size() + " but seats hold " + heldTotal);
        }
        int queued = 0;
        for (DepartmentQueue queue : queues.values()) {
            queued += queue.waiting.size();
            if (queue.byArrival.size() != queue.waiting.size()
                    || !queue.byArrival.containsAll(queue.waiting)) {
                throw new IllegalStateException("arrival index of " + queue.department + " disagrees with its queue");
            }
            for (Iterator<DepartmentQueue.Entry> it = queue.waiting.iterator(); it.hasNext(); ) {
                long id = it.next().conversation().id();
                if (held.containsKey(id)) {
                    throw new IllegalStateException("conversation " + id + " both waiting and held");
                }
            }
        }
        if (queued != waiting.size()) {
            throw new IllegalStateException("queues hold " + queued + " but " + waiting.size() + " are waiting");
        }
    }
}
