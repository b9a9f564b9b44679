package org.otklik.benchmarks;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.otklik.engine.routing.Assignment;
import org.otklik.engine.routing.Presence;
import org.otklik.engine.routing.Priority;
import org.otklik.engine.routing.QueuedConversation;
import org.otklik.engine.routing.Router;
import org.otklik.engine.routing.RoutingPolicy;

/**
 * Routing decisions at scale: 500 online agents (1-3 of 12 departments each, 4 slots each, all busy) and 5,000
 * waiting conversations. One operation = one decision: a random agent frees a slot, a new conversation arrives (the
 * queue stays at 5,000), and the router assigns the next conversation. The engine's {@link Router} and a naive scan
 * run the same operations in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RoutingBenchmark {

    private static final int AGENTS = 500;
    private static final int WAITING = 5_000;
    private static final int DEPARTMENTS = 12;

    private final InstantSource clock = new TickingClock();

    private Router router;
    private NaiveRouter naive;
    private SplittableRandom random;
    private List<List<Long>> heldByAgent;
    private long nextConversation;

    @Setup(Level.Trial)
    public void setUp() {
        random = new SplittableRandom(7);
        router = new Router(RoutingPolicy.DEFAULT, clock);
        naive = new NaiveRouter();
        heldByAgent = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            Set<String> skills = new HashSet<>();
            int count = 1 + random.nextInt(3);
            while (skills.size() < count) {
                skills.add("d" + random.nextInt(DEPARTMENTS));
            }
            router.putAgent(a, skills, 4);
            router.setPresence(a, Presence.ONLINE);
            naive.putAgent(a, skills, 4);
            List<Long> held = new ArrayList<>();
            for (int slot = 0; slot < 4; slot++) {
                long id = nextConversation++;
                String department = skills.iterator().next();
                router.hold(a, new QueuedConversation(id, department, clock.instant(), Priority.NORMAL, null), true);
                naive.hold(a, id);
                held.add(id);
            }
            heldByAgent.add(held);
        }
        for (int i = 0; i < WAITING; i++) {
            arrive();
        }
    }

    private void arrive() {
        long id = nextConversation++;
        String department = "d" + random.nextInt(DEPARTMENTS);
        Priority priority = random.nextInt(50) == 0 ? Priority.VIP : Priority.NORMAL;
        router.enqueue(new QueuedConversation(id, department, clock.instant(), priority, null));
        naive.enqueue(id, department);
    }

    private long freeASlot() {
        int agent = random.nextInt(AGENTS);
        List<Long> held = heldByAgent.get(agent);
        return held.isEmpty() ? -1 : held.remove(random.nextInt(held.size()));
    }

    @Benchmark
    public void engineRouter(Blackhole sink) {
        long freed = freeASlot();
        if (freed >= 0) {
            router.release(freed);
        }
        arrive();
        for (Assignment a : router.dispatch()) {
            heldByAgent.get((int) a.agentId()).add(a.conversationId());
            sink.consume(a);
        }
    }

    /** The naive scan, stopping after the first assignment it finds (it cannot know there is no second). */
    @Benchmark
    public void naiveScanFirstOnly(Blackhole sink) {
        long freed = freeASlot();
        if (freed >= 0) {
            naive.release(freed);
        }
        arrive();
        NaiveRouter.Decision d = naive.dispatchOne();
        if (d != null) {
            heldByAgent.get((int) d.agent()).add(d.conversation());
            sink.consume(d);
        }
    }

    /** The naive scan as a real implementation must run it: until a full scan finds nothing more to assign. */
    @Benchmark
    public void naiveScan(Blackhole sink) {
        long freed = freeASlot();
        if (freed >= 0) {
            naive.release(freed);
        }
        arrive();
        NaiveRouter.Decision d;
        while ((d = naive.dispatchOne()) != null) {
            heldByAgent.get((int) d.agent()).add(d.conversation());
            sink.consume(d);
        }
    }
}
