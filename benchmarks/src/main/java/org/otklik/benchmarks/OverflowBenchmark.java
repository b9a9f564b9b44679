package org.otklik.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.otklik.engine.routing.OverflowRule;
import org.otklik.engine.routing.Priority;
import org.otklik.engine.routing.QueuedConversation;
import org.otklik.engine.routing.Router;
import org.otklik.engine.routing.RoutingPolicy;

/**
 * An outage with nobody online: 20,000 conversations wait in 4 departments, each with an overflow rule (to e-mail
 * after 10 minutes). One operation = what the server's routing thread does for each new conversation: it arrives, the
 * longest-waiting one leaves (answered elsewhere), and the overflow rules are checked. The engine takes the due ones
 * from the head of an arrival-ordered index; the baseline scans every waiting conversation, as the engine did before.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class OverflowBenchmark {

    private static final int WAITING = 20_000;
    private static final int DEPARTMENTS = 4;
    private static final Duration AFTER = Duration.ofMinutes(10);

    private final InstantSource clock = new TickingClock();

    private Router router;
    private final Map<String, ArrayDeque<QueuedConversation>> scanned = new HashMap<>();
    private final ArrayDeque<Long> arrivals = new ArrayDeque<>();
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, OverflowRule> rules = new HashMap<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            rules.put("d" + d, new OverflowRule(AFTER, OverflowRule.EMAIL));
            scanned.put("d" + d, new ArrayDeque<>());
        }
        router = new Router(RoutingPolicy.DEFAULT.withOverflow(rules), clock);
        for (int i = 0; i < WAITING; i++) {
            arrive();
        }
    }

    private QueuedConversation arrive() {
        long id = next++;
        QueuedConversation c = new QueuedConversation(id, "d" + (id % DEPARTMENTS), clock.instant(), Priority.NORMAL,
                null);
        router.enqueue(c);
        scanned.get(c.department()).addLast(c);
        arrivals.addLast(id);
        return c;
    }

    private void leave() {
        long id = arrivals.removeFirst();
        router.release(id);
        scanned.get("d" + (id % DEPARTMENTS)).removeFirst();
    }

    @Benchmark
    public void engineArrivalIndex(Blackhole sink) {
        arrive();
        leave();
        sink.consume(router.overflowDue());
    }

    @Benchmark
    public void scanEveryWaiting(Blackhole sink) {
        arrive();
        leave();
        Instant cutoff = clock.instant().minus(AFTER);
        for (ArrayDeque<QueuedConversation> queue : scanned.values()) {
            List<QueuedConversation> due = queue.stream().filter(c -> !c.queuedAt().isAfter(cutoff)).toList();
            sink.consume(due);
        }
    }
}
