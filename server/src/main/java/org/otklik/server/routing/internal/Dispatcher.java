package org.otklik.server.routing.internal;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.otklik.engine.routing.AgentLoad;
import org.otklik.engine.routing.Assignment;
import org.otklik.engine.routing.OverflowRule;
import org.otklik.engine.routing.Overflowed;
import org.otklik.engine.routing.Presence;
import org.otklik.engine.routing.QueuePosition;
import org.otklik.engine.routing.QueueSnapshot;
import org.otklik.engine.routing.QueuedConversation;
import org.otklik.engine.routing.Requeued;
import org.otklik.engine.routing.Router;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.department.Department;
import org.otklik.server.department.Departments;
import org.otklik.server.routing.RoutingProperties;
import org.otklik.server.shared.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Owns the engine's {@link Router} and runs every routing step on one thread, in the order the steps were committed.
 *
 * <p>Why one thread: the router's state must change in the same order as the database, and assignments must be
 * written one at a time. Callers never wait for it while holding a database connection (they hand it work after their
 * transaction has committed), so it cannot deadlock with them. Each write is conditional (only a waiting conversation
 * can be assigned, only an unanswered one returned to the queue), so even a router that drifted from the database
 * could not assign a conversation twice; any failed write marks the state dirty, and the next step rebuilds it from
 * the database (ADR 0004).
 */
@Component
public class Dispatcher implements DisposableBean {

    /** Wait notices decided by the routing thread, written by the notice writer (in batches, off this thread). */
    private final java.util.concurrent.BlockingQueue<ConversationManagement.WaitNotice> notices =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread noticeWriter = new Thread(this::writeNotices, "otklik-wait-notices");
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MEANINGFUL_CHANGE = Duration.ofMinutes(2);

    /** How stale a follower's copy of the queues may get before a read reloads it from the database. */
    private static final long FOLLOWER_REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    private final Router router;
    private final Cluster cluster;
    private final java.util.concurrent.atomic.AtomicBoolean rebuildPending =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long rebuiltAt;
    /** Tell waiting users nobody told yet (conversations that queued on another node) after the next rebuild. */
    private volatile boolean tellUntold;
    private final ConversationManagement conversations;
    private final AgentManagement agents;
    private final Departments departments;
    private final RoutingProperties properties;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "otklik-dispatcher");
        t.setDaemon(true);
        return t;
    });
    /** What each waiting user was last told, to tell them again only when it changed a lot. */
    private final Map<Long, Told> told = new HashMap<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<QueuedConversation> arrivals =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean arrivalsScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean dirty = true;

    private record Told(Duration estimate, int notices) {
    }

    Dispatcher(ConversationManagement conversations, AgentManagement agents, Departments departments,
               RoutingProperties properties, InstantSource clock, Cluster cluster) {
        this.router = new Router(properties.policy(), clock);
        this.cluster = cluster;
        this.conversations = conversations;
        this.agents = agents;
        this.departments = departments;
        this.properties = properties;
        noticeWriter.setDaemon(true);
        noticeWriter.start();
    }

    /**
     * A conversation entered a queue: queue it, assign what can be assigned, and tell the user if they must wait.
     * Arrivals that come while the routing thread is busy are taken together: queued at once, dispatched once, and
     * their assignments stored in one transaction.
     */
    public void queued(QueuedConversation conversation) {
        arrivals.add(conversation);
        if (arrivalsScheduled.compareAndSet(false, true)) {
            submit(this::takeArrivals);
        }
    }

    private void takeArrivals() {
        arrivalsScheduled.set(false); // from here, a new arrival schedules another take
        List<QueuedConversation> batch = new ArrayList<>();
        for (QueuedConversation c = arrivals.poll(); c != null; c = arrivals.poll()) {
            router.enqueue(c);
            batch.add(c);
        }
        if (batch.isEmpty()) {
            return;
        }
        dispatch();
        for (QueuedConversation c : batch) {
            router.position(c.id()).ifPresent(this::tellUserToWait);
        }
    }

    /** A conversation no longer needs its slot or its place in the queue (closed). */
    public void released(long conversationId) {
        submit(() -> {
            router.release(conversationId);
            told.remove(conversationId);
            dispatch();
        });
    }

    /** The agent answered: the conversation stays theirs even if they go away. */
    public void replied(long conversationId) {
        submit(() -> router.markReplied(conversationId));
    }

    /**
     * Online: the agent takes conversations again. Away or offline: unanswered conversations go back to the head of
     * their queues for others; answered ones stay theirs.
     */
    public void presenceChanged(long agentId, Presence presence) {
        submit(() -> {
            if (router.agent(agentId).isEmpty()) {
                agents.find(agentId).ifPresent(a -> router.putAgent(a.id(), a.skills(), a.maxChats()));
            }
            if (router.agent(agentId).isEmpty()) {
                return;
            }
            if (presence == Presence.ONLINE) {
                router.setPresence(agentId, presence);
            } else {
                for (Requeued r : router.goAway(agentId, presence)) {
                    if (!conversations.returnToQueue(r.conversationId(), agentId)) {
                        dirty = true; // the database disagrees (answered or closed meanwhile): reload the truth
                    }
                }
            }
            dispatch();
        });
    }

    public void agentChanged(long agentId, Set<String> skills, int maxChats) {
        submit(() -> {
            router.putAgent(agentId, skills, maxChats);
            dispatch();
        });
    }

    /**
     * The periodic step: applies overflow rules, assigns what became assignable, and tells waiting users a new
     * estimate when theirs changed a lot.
     */
    public void tick() {
        submit(() -> {
            dispatch();
            for (QueuePosition position : router.positions()) {
                Told before = told.get(position.conversationId());
                if (before != null && changedALot(before.estimate(), position.estimatedWait())) {
                    tellUserToWait(position);
                }
            }
        });
    }

    /** Rebuilds queues and loads from the database (at start, and after a failed write). */
    public void rebuild() {
        dirty = true;
        submit(() -> {
        });
    }

    /**
     * Another node changed what routing depends on (a conversation queued or closed there, an agent went online
     * there) or this node just became the leader: reload from the database, assign, and tell the new waiting users.
     * Coalesced: a burst of changes makes one reload.
     */
    public void changedElsewhere() {
        if (!rebuildPending.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            rebuildPending.set(false);
            if (!cluster.isLeader()) {
                dirty = true;
                return;
            }
            try {
                dirty = true;
                tellUntold = true;
                rebuildIfDirty();
            } catch (RuntimeException e) {
                dirty = true;
                log.error("routing: reloading after a change on another node failed", e);
            }
        });
    }

    /** Blocks until every step submitted so far has run. */
    public void settle() {
        // an arrival whose take is not submitted yet (another writer set the flag and is about to submit) is taken
        // here, so that the caller reads it routed
        await(thread.submit(() -> {
            if (!arrivals.isEmpty()) {
                step(this::takeArrivals);
            }
        }));
    }

    /**
     * {@link #settle()} and then {@link #read} in the same step of the routing thread (one hand-over, not two); null
     * on a follower, whose copy of the queues the caller should not take for the truth.
     */
    public <T> T settleThen(Function<Router, T> query) {
        return await(thread.submit(() -> {
            if (!arrivals.isEmpty()) {
                step(this::takeArrivals);
            }
            if (!cluster.isLeader()) {
                return null;
            }
            rebuildIfDirty();
            return query.apply(router);
        }));
    }

    public <T> T read(Function<Router, T> query) {
        return await(thread.submit(() -> {
            if (!cluster.isLeader() && System.nanoTime() - rebuiltAt > FOLLOWER_REFRESH_NANOS) {
                dirty = true; // a follower's queues are a copy of the database, refreshed when read
            }
            rebuildIfDirty();
            return query.apply(router);
        }));
    }

    public List<QueueSnapshot> queues() {
        List<String> known = departments.all().stream().map(Department::code).toList();
        return read(r -> r.snapshot(known));
    }

    private void submit(Runnable step) {
        thread.execute(() -> step(step));
    }

    /** Runs one step on the routing thread: a follower routes nothing; a failed step rebuilds from the database. */
    private void step(Runnable step) {
        try {
            if (!cluster.isLeader()) {
                dirty = true; // a follower routes nothing: the leader learns of the change from the database
                arrivals.clear();
                arrivalsScheduled.set(false);
                return;
            }
            rebuildIfDirty();
            step.run();
        } catch (RuntimeException e) {
            dirty = true;
            log.error("routing step failed; rebuilding routing state from the database on the next step", e);
        }
    }

    private void dispatch() {
        for (Overflowed o : router.overflowDue()) {
            String target = o.rule().target();
            if (!OverflowRule.ANY_AGENT.equals(target) && !conversations.moveToDepartment(o.conversationId(), target,
                    "waited " + o.rule().after().toSeconds() + " s in " + o.fromDepartment())) {
                dirty = true;
            }
        }
        List<Assignment> made = router.dispatch();
        if (made.isEmpty()) {
            return;
        }
        List<ConversationManagement.AssignmentToStore> decisions = new ArrayList<>(made.size());
        for (Assignment a : made) {
            told.remove(a.conversationId());
            decisions.add(new ConversationManagement.AssignmentToStore(a.conversationId(), a.agentId(), a.reason()));
        }
        Set<Long> stored;
        try {
            stored = conversations.assignAll(decisions);
        } catch (RuntimeException e) {
            dirty = true; // none stored: the next step rebuilds routing from the database
            throw e;
        }
        for (Assignment a : made) {
            if (!stored.contains(a.conversationId())) {
                // the database says it is no longer waiting (closed meanwhile): forget it
                router.release(a.conversationId());
            }
        }
    }

    private static boolean changedALot(Duration before, Duration now) {
        long difference = Math.abs(now.toSeconds() - before.toSeconds());
        return difference >= MEANINGFUL_CHANGE.toSeconds() && difference >= before.toSeconds() / 2;
    }

    /**
     * Tells a waiting user their place and estimate. The decision is the dispatcher's; the message itself (a
     * transaction of its own) is written by the notice writer, so that the one routing thread never waits on it.
     */
    private void tellUserToWait(QueuePosition position) {
        long minutes = Math.max(1, (position.estimatedWait().toSeconds() + 59) / 60);
        String text = properties.waitNoticeText()
                .replace("{position}", Integer.toString(position.position()))
                .replace("{minutes}", Long.toString(minutes));
        Told before = told.get(position.conversationId());
        int notices = before == null ? 1 : before.notices() + 1;
        told.put(position.conversationId(), new Told(position.estimatedWait(), notices));
        this.notices.add(new ConversationManagement.WaitNotice(position.conversationId(), text, notices));
    }

    /** The notice writer: everything waiting, in one transaction (and so on while routing keeps deciding). */
    private void writeNotices() {
        List<ConversationManagement.WaitNotice> batch = new java.util.ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(notices.take());
                notices.drainTo(batch, 499);
                conversations.postWaitNotices(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("routing: {} wait notices not posted: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void rebuildIfDirty() {
        if (!dirty) {
            return;
        }
        router.clearConversations();
        for (Agent agent : agents.all()) {
            router.putAgent(agent.id(), agent.skills(), agent.maxChats());
            router.setPresence(agent.id(), agent.presence());
        }
        List<ConversationView> held = conversations.held();
        for (ConversationView c : held) {
            if (router.agent(c.assigneeId()).isPresent()) {
                router.hold(c.assigneeId(), queuedOf(c), c.firstReplyAt() != null);
            }
        }
        List<ConversationView> waiting = conversations.waiting();
        for (ConversationView c : waiting) {
            router.enqueue(queuedOf(c));
        }
        told.keySet().retainAll(waiting.stream().map(ConversationView::id).toList());
        dirty = false;
        rebuiltAt = System.nanoTime();
        if (!cluster.isLeader()) {
            return;
        }
        log.info("routing state rebuilt from the database: {} agents, {} held, {} waiting",
                router.agents().size(), held.size(), waiting.size());
        if (tellUntold) {
            // an agent who went away on another node: their unanswered conversations go back to the queues here
            for (AgentLoad load : router.agents()) {
                if (load.presence() != Presence.ONLINE) {
                    for (Requeued r : router.goAway(load.agentId(), load.presence())) {
                        if (!conversations.returnToQueue(r.conversationId(), load.agentId())) {
                            dirty = true;
                        }
                    }
                }
            }
        }
        dispatch();
        if (tellUntold) {
            tellUntold = false;
            for (QueuePosition position : router.positions()) {
                if (!told.containsKey(position.conversationId())) {
                    tellUserToWait(position);
                }
            }
        }
    }

    private static QueuedConversation queuedOf(ConversationView c) {
        return new QueuedConversation(c.id(), c.department(), c.queuedAt(), c.priority(), c.preferredAgentId());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for routing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("routing failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("routing did not answer within " + READ_TIMEOUT, e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        noticeWriter.interrupt();
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
