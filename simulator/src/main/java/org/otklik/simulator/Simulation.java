package org.otklik.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A discrete-event simulation of one scenario under one routing policy, on a virtual clock (nothing sleeps; the same
 * scenario and seed always give the same figures). The {@code otklik} policy is the engine's real {@link
 * org.otklik.engine.routing.Router}, the same class the server runs; {@code round-robin} is the baseline.
 */
public final class Simulation {

    /** Which router decides. */
    public enum Policy {
        OTKLIK, ROUND_ROBIN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Policy parse(String value) {
            for (Policy p : values()) {
                if (p.wire().equals(value)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("policy must be otklik or round-robin, not '" + value + "'");
        }
    }

    /** One simulated conversation and what happened to it. */
    static final class Conversation {
        final Workload.Arrival arrival;
        Instant assignedAt;
        Instant firstReplyAt;
        Instant doneAt;
        Duration toldWait;
        boolean abandoned;
        boolean overflowed;
        SimAgent agent;

        Conversation(Workload.Arrival arrival) {
            this.arrival = arrival;
        }

        long id() {
            return arrival.id();
        }

        boolean waiting() {
            return assignedAt == null && !abandoned && !overflowed;
        }
    }

    /** One simulated agent. */
    static final class SimAgent {
        final long id;
        final Set<String> skills;
        final int maxChats;
        final List<Scenario.Shift> shifts;
        boolean onShift;
        int active;

        SimAgent(long id, Set<String> skills, int maxChats, List<Scenario.Shift> shifts) {
            this.id = id;
            this.skills = skills;
            this.maxChats = maxChats;
            this.shifts = shifts;
        }
    }

    /** What a routing policy must do; the simulation tells it what happens and it assigns via {@link #assign}. */
    interface Dispatch {
        void arrive(Conversation c);

        /** The wait the user is told on arrival, or null if the policy tells nothing. */
        Duration toldWait(Conversation c);

        void replied(Conversation c);

        void done(Conversation c);

        /** The user left; true if they were still waiting (and are now out of the queue). */
        boolean leave(Conversation c);

        /** A conversation's overflow time came: move what is due (to email: {@link Simulation#movedToEmail}). */
        void overflow(Conversation c);

        void shiftStarted(SimAgent agent);

        void shiftEnded(SimAgent agent);

        void tick();
    }

    private enum Kind { SHIFT_END, SHIFT_START, DONE, FIRST_REPLY, ARRIVAL, PATIENCE, OVERFLOW, TICK }

    private record Event(Instant at, long seq, Kind kind, long ref) {
    }

    static final class VirtualClock implements InstantSource {
        Instant now;

        VirtualClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Scenario scenario;
    private final Policy policy;
    private final Instant start;
    private final Instant end;
    private final VirtualClock clock;
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparing(Event::at).thenComparing(Event::kind).thenComparingLong(Event::seq));
    private final Map<Long, Conversation> conversations = new HashMap<>();
    private final List<SimAgent> agents = new ArrayList<>();
    private final Map<Long, SimAgent> agentById = new HashMap<>();
    private final Dispatch dispatch;
    private long seq;
    private int pending;
    private int arrivalsLeft;

    private Simulation(Scenario scenario, Policy policy, RoutingSetup setup) {
        this.scenario = scenario;
        this.policy = policy;
        this.start = LocalDate.of(2026, 1, 5).atStartOfDay(scenario.timezone()).toInstant();
        this.end = start.plus(scenario.duration());
        this.clock = new VirtualClock(start);
        long id = 1;
        for (Scenario.AgentGroup group : scenario.agents()) {
            for (int i = 0; i < group.count(); i++) {
                SimAgent agent = new SimAgent(id++, Set.copyOf(group.skills()), group.maxChats(), group.shifts());
                agents.add(agent);
                agentById.put(agent.id, agent);
            }
        }
        this.dispatch = policy == Policy.OTKLIK ? new OtklikDispatch(this, scenario, setup, clock)
                : new RoundRobinDispatch(this, scenario);
    }

    /** Runs the scenario under a policy; {@code otklik} with Otklik's recommended routing setup. */
    public static Kpis run(Scenario scenario, Policy policy) {
        return run(scenario, policy, RoutingSetup.recommended());
    }

    public static Kpis run(Scenario scenario, Policy policy, RoutingSetup setup) {
        return new Simulation(scenario, policy, setup).execute().kpis();
    }

    /** Runs the simulation and returns its full record (for KPIs and for per-hour staffing checks). */
    static Simulation runDetailed(Scenario scenario, Policy policy, RoutingSetup setup) {
        return new Simulation(scenario, policy, setup).execute();
    }

    private Simulation execute() {
        List<Workload.Arrival> arrivals = Workload.draw(scenario, start);
        for (Workload.Arrival a : arrivals) {
            Conversation c = new Conversation(a);
            conversations.put(a.id(), c);
            schedule(a.at(), Kind.ARRIVAL, a.id());
        }
        arrivalsLeft = arrivals.size();
        long days = scenario.duration().toDays() + 2;
        for (SimAgent agent : agents) {
            for (long day = -1; day <= days; day++) {
                Instant dayStart = start.atZone(scenario.timezone()).plusDays(day).toInstant();
                for (Scenario.Shift shift : agent.shifts) {
                    Instant from = dayStart.atZone(scenario.timezone()).toLocalDate().atTime(shift.start())
                            .atZone(scenario.timezone()).toInstant();
                    Instant to = from.plus(shift.length());
                    if (to.isAfter(start)) {
                        schedule(from.isBefore(start) ? start : from, Kind.SHIFT_START, agent.id);
                        schedule(to, Kind.SHIFT_END, agent.id);
                    }
                }
            }
        }
        schedule(start, Kind.TICK, 0);
        Instant hardStop = end.plus(Duration.ofDays(2));
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.at().isAfter(hardStop) || (arrivalsLeft == 0 && pending == 0)) {
                break;
            }
            clock.now = e.at();
            handle(e);
        }
        return this;
    }

    private void handle(Event e) {
        switch (e.kind()) {
            case ARRIVAL -> {
                Conversation c = conversations.get(e.ref());
                arrivalsLeft--;
                pending++;
                dispatch.arrive(c);
                if (c.waiting()) {
                    c.toldWait = dispatch.toldWait(c);
                    if (c.arrival.patience() != null) {
                        schedule(clock.now.plus(c.arrival.patience()), Kind.PATIENCE, c.id());
                    }
                    if (!scenario.overflowAfter().isZero()) {
                        schedule(clock.now.plus(scenario.overflowAfter()), Kind.OVERFLOW, c.id());
                    }
                }
            }
            case FIRST_REPLY -> {
                Conversation c = conversations.get(e.ref());
                c.firstReplyAt = clock.now;
                dispatch.replied(c);
            }
            case DONE -> {
                Conversation c = conversations.get(e.ref());
                c.doneAt = clock.now;
                c.agent.active--;
                pending--;
                dispatch.done(c);
            }
            case PATIENCE -> {
                Conversation c = conversations.get(e.ref());
                if (c.waiting() && dispatch.leave(c)) {
                    c.abandoned = true;
                    pending--;
                }
            }
            case OVERFLOW -> {
                Conversation c = conversations.get(e.ref());
                if (c.waiting()) {
                    dispatch.overflow(c);
                }
            }
            case SHIFT_START -> {
                SimAgent agent = agentById.get(e.ref());
                agent.onShift = true;
                dispatch.shiftStarted(agent);
            }
            case SHIFT_END -> {
                SimAgent agent = agentById.get(e.ref());
                agent.onShift = false;
                dispatch.shiftEnded(agent);
            }
            case TICK -> {
                dispatch.tick();
                schedule(clock.now.plus(RoundRobinDispatch.RETRY_EVERY), Kind.TICK, 0);
            }
        }
    }

    /** The policy gives a waiting conversation to an agent now. */
    void assign(Conversation c, SimAgent agent) {
        if (!c.waiting()) {
            throw new IllegalStateException("conversation " + c.id() + " assigned while not waiting");
        }
        // skills are the policy's business (an overflow rule may move a conversation to another department's queue)
        if (agent.active >= agent.maxChats) {
            throw new IllegalStateException("agent " + agent.id + " cannot take conversation " + c.id());
        }
        c.assignedAt = clock.now;
        c.agent = agent;
        agent.active++;
        schedule(clock.now.plus(c.arrival.firstReply()), Kind.FIRST_REPLY, c.id());
        schedule(clock.now.plus(c.arrival.firstReply()).plus(c.arrival.handling()), Kind.DONE, c.id());
    }

    /** The policy moved a waiting conversation out of the live queue, to email. */
    void movedToEmail(Conversation c) {
        if (c.waiting()) {
            c.overflowed = true;
            pending--;
        }
    }

    private void schedule(Instant at, Kind kind, long ref) {
        events.add(new Event(at, seq++, kind, ref));
    }

    List<SimAgent> agents() {
        return agents;
    }

    SimAgent agent(long id) {
        return agentById.get(id);
    }

    Conversation conversation(long id) {
        return conversations.get(id);
    }

    Instant start() {
        return start;
    }

    Kpis kpis() {
        return Kpis.of(scenario, policy, start, end, conversations.values(), agents);
    }

    /** Conversations that arrived in each local hour of the day [0, 24), for staffing checks. */
    Map<Integer, List<Conversation>> byHour() {
        Map<Integer, List<Conversation>> hours = new HashMap<>();
        for (Conversation c : conversations.values()) {
            int hour = c.arrival.at().atZone(scenario.timezone()).getHour();
            hours.computeIfAbsent(hour, h -> new ArrayList<>()).add(c);
        }
        return hours;
    }
}
