package org.otklik.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.otklik.engine.TestClock;

/**
 * Random sequences of arrivals, presence changes, replies, releases, overflow and dispatch (300 seeds x 500 steps):
 * no conversation is ever assigned twice or lost, caps hold, and the router's indexes stay consistent.
 */
class RouterPropertyTest {

    private static final List<String> DEPARTMENTS = List.of("payments", "access", "violations", "other");

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 300; s++) {
            seeds.add(s * 7919);
        }
        return seeds;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void noConversationIsAssignedTwiceOrLostWhateverHappens(long seed) {
        Random random = new Random(seed);
        TestClock clock = TestClock.at("2026-11-23T00:00:00Z");
        int globalCap = random.nextBoolean() ? 0 : 3 + random.nextInt(10);
        RoutingPolicy policy = RoutingPolicy.DEFAULT.withGlobalMaxActive(globalCap)
                .withDepartmentCaps(random.nextBoolean() ? Map.of("violations", 1) : Map.of())
                .withOverflow(Map.of("violations", new OverflowRule(Duration.ofMinutes(7), "other"),
                        "payments", new OverflowRule(Duration.ofMinutes(20), OverflowRule.EMAIL)))
                .withExpandAfter(random.nextBoolean() ? Duration.ZERO : Duration.ofSeconds(30 + random.nextInt(300)));
        Router router = new Router(policy, clock);
        int agentCount = 1 + random.nextInt(6);
        for (long a = 1; a <= agentCount; a++) {
            router.putAgent(a, randomSkills(random), 1 + random.nextInt(4));
        }
        Set<Long> live = new HashSet<>();
        Set<Long> gone = new HashSet<>();
        long nextId = 1;

        for (int step = 0; step < 500; step++) {
            int op = random.nextInt(100);
            if (op < 30) {
                long id = nextId++;
                Priority priority = Priority.values()[random.nextInt(Priority.values().length)];
                Long preferred = random.nextInt(5) == 0 ? (long) (1 + random.nextInt(agentCount)) : null;
                assertThat(router.enqueue(new QueuedConversation(id, pick(random, DEPARTMENTS), clock.instant(),
                        priority, preferred))).isTrue();
                live.add(id);
            } else if (op < 45 && !live.isEmpty()) {
                long id = pick(random, new ArrayList<>(live));
                router.release(id);
                live.remove(id);
                gone.add(id);
            } else if (op < 55) {
                long agent = 1 + random.nextInt(agentCount);
                Presence p = Presence.values()[random.nextInt(3)];
                if (p == Presence.ONLINE || random.nextBoolean()) {
                    router.setPresence(agent, p);
                } else {
                    for (Requeued r : router.goAway(agent, p)) {
                        assertThat(live).contains(r.conversationId());
                        assertThat(router.isWaiting(r.conversationId())).isTrue();
                    }
                }
            } else if (op < 62 && !live.isEmpty()) {
                router.markReplied(pick(random, new ArrayList<>(live)));
            } else if (op < 66) {
                long agent = 1 + random.nextInt(agentCount);
                int cap = router.agent(agent).orElseThrow().maxChats() + random.nextInt(2);
                router.putAgent(agent, randomSkills(random), cap);
            } else if (op < 72) {
                for (Overflowed o : router.overflowDue()) {
                    assertThat(live).contains(o.conversationId());
                    if (o.rule().toEmail()) {
                        live.remove(o.conversationId());
                        gone.add(o.conversationId());
                    }
                }
            } else if (op < 85) {
                clock.advance(Duration.ofSeconds(random.nextInt(600)));
            } else {
                Set<Long> heldBefore = new HashSet<>();
                for (long id : live) {
                    router.holder(id).ifPresent(a -> heldBefore.add(id));
                }
                for (Assignment a : router.dispatch()) {
                    assertThat(heldBefore).as("assigned twice").doesNotContain(a.conversationId());
                    assertThat(live).as("assigned after it was gone").contains(a.conversationId());
                    AgentLoad load = router.agent(a.agentId()).orElseThrow();
                    assertThat(load.activeChats()).isLessThanOrEqualTo(load.maxChats());
                    assertThat(load.presence()).isEqualTo(Presence.ONLINE);
                    heldBefore.add(a.conversationId());
                }
                if (globalCap > 0) {
                    assertThat(router.activeCount()).isLessThanOrEqualTo(globalCap);
                }
            }
            router.checkInvariants();
            for (long id : live) {
                boolean isWaiting = router.isWaiting(id);
                boolean isHeld = router.holder(id).isPresent();
                assertThat(isWaiting ^ isHeld).as("conversation %d is waiting xor held", id).isTrue();
            }
            for (long id : gone) {
                assertThat(router.isWaiting(id) || router.holder(id).isPresent()).as("gone %d came back", id)
                        .isFalse();
            }
        }
    }

    private static Set<String> randomSkills(Random random) {
        Set<String> skills = new HashSet<>();
        for (String d : DEPARTMENTS) {
            if (random.nextInt(3) == 0) {
                skills.add(d);
            }
        }
        return skills;
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
