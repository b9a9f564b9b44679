package org.otklik.engine.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.TreeSet;

/** One department: its waiting conversations in service order, and the agents who could take one right now. */
final class DepartmentQueue {

    /**
     * A waiting conversation with its queue key (arrival time minus its priority's head start) and when it entered
     * this queue.
     */
    record Entry(QueuedConversation conversation, Instant key, Instant enteredAt) {
    }

    static final Comparator<Entry> SERVICE_ORDER = Comparator.comparing(Entry::key)
            .thenComparing(e -> e.conversation().queuedAt())
            .thenComparingLong(e -> e.conversation().id());

    /** Arrival order, for the overflow rules (who has waited longest) and the oldest waiting. */
    static final Comparator<Entry> ARRIVAL_ORDER = Comparator.comparing((Entry e) -> e.conversation().queuedAt())
            .thenComparingLong(e -> e.conversation().id());

    /** Fewest held conversations first, then whoever got one least recently, then the lowest id (a total order). */
    static final Comparator<AgentSeat> LEAST_LOADED = Comparator
            .comparingInt((AgentSeat s) -> s.skills.size())
            .thenComparingInt((AgentSeat s) -> s.held.size())
            .thenComparing(s -> s.lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(s -> s.id);

    final String department;
    final TreeSet<Entry> waiting = new TreeSet<>(SERVICE_ORDER);
    /** The same entries by arrival: overflow takes the due ones from its head without looking at the others. */
    final TreeSet<Entry> byArrival = new TreeSet<>(ARRIVAL_ORDER);
    final TreeSet<AgentSeat> free = new TreeSet<>(LEAST_LOADED);

    DepartmentQueue(String department) {
        this.department = department;
    }
}
