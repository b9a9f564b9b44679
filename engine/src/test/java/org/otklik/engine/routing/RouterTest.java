package org.otklik.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.otklik.engine.TestClock;

/** One test per routing rule, on a clock that moves only when the test says so. */
class RouterTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private Router router = new Router(RoutingPolicy.DEFAULT, clock);

    private QueuedConversation queued(long id, String department) {
        return queued(id, department, Priority.NORMAL);
    }

    private QueuedConversation queued(long id, String department, Priority priority) {
        return new QueuedConversation(id, department, clock.instant(), priority, null);
    }

    private void online(long agent, int cap, String... skills) {
        router.putAgent(agent, Set.of(skills), cap);
        router.setPresence(agent, Presence.ONLINE);
    }

    private void hold(long agent, long conversation, String department, boolean replied) {
        router.hold(agent, new QueuedConversation(conversation, department, clock.instant(), Priority.NORMAL, null),
                replied);
    }

    private List<Long> servedOrder() {
        return router.dispatch().stream().map(Assignment::conversationId).toList();
    }

    @Test
    void assignsTheLongestWaitingConversationToTheLeastLoadedSkilledAgent() {
        online(1, 4, "payments");
        online(2, 4, "payments");
        hold(1, 100, "payments", true);
        router.enqueue(queued(10, "payments"));
        clock.advance(Duration.ofSeconds(5));
        router.enqueue(queued(11, "payments"));

        List<Assignment> made = router.dispatch();

        assertThat(made).extracting(Assignment::conversationId, Assignment::agentId)
                .containsExactly(tuple(10L, 2L), tuple(11L, 1L));
        assertThat(made.get(0).reason()).contains("least loaded").contains("payments");
    }

    @Test
    void conversationWaitsWhenNoSkilledAgentIsOnlineAndIsAssignedWhenOneComesOnline() {
        router.putAgent(1, Set.of("access"), 4);
        online(2, 4, "payments");
        router.enqueue(queued(10, "access"));

        assertThat(router.dispatch()).isEmpty();
        assertThat(router.position(10)).get().extracting(QueuePosition::position).isEqualTo(1);

        router.setPresence(1, Presence.ONLINE);
        assertThat(router.dispatch()).singleElement().extracting(Assignment::agentId).isEqualTo(1L);
        assertThat(router.position(10)).isEmpty();
    }

    @Test
    void awayAndOfflineAgentsGetNothing() {
        router.putAgent(1, Set.of("other"), 4);
        router.setPresence(1, Presence.AWAY);
        router.enqueue(queued(10, "other"));
        assertThat(router.dispatch()).isEmpty();
        router.setPresence(1, Presence.OFFLINE);
        assertThat(router.dispatch()).isEmpty();
    }

    @Test
    void neverAssignsBeyondAnAgentsCapAndAssignsTheNextWhenASlotFrees() {
        online(1, 2, "other");
        for (long id = 10; id < 14; id++) {
            router.enqueue(queued(id, "other"));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(servedOrder()).containsExactly(10L, 11L);
        assertThat(router.position(12)).get().extracting(QueuePosition::position).isEqualTo(1);
        assertThat(router.position(13)).get().extracting(QueuePosition::position).isEqualTo(2);

        router.release(10);
        assertThat(servedOrder()).containsExactly(12L);
        assertThat(router.agent(1)).get().extracting(AgentLoad::activeChats).isEqualTo(2);
    }

    @Test
    void departmentCapLimitsHowManyOfOneDepartmentAnAgentHolds() {
        router = new Router(RoutingPolicy.DEFAULT.withDepartmentCaps(Map.of("violations", 1)), clock);
        online(1, 4, "violations", "other");
        router.enqueue(queued(10, "violations"));
        router.enqueue(queued(11, "violations"));
        clock.advance(Duration.ofSeconds(1));
        router.enqueue(queued(12, "other"));

        assertThat(servedOrder()).containsExactly(10L, 12L);
        assertThat(router.isWaiting(11)).isTrue();
        router.release(10);
        assertThat(servedOrder()).containsExactly(11L);
    }

    @Test
    void globalCapKeepsConversationsWaitingWhileAgentsHaveFreeSlots() {
        router = new Router(RoutingPolicy.DEFAULT.withGlobalMaxActive(3), clock);
        online(1, 4, "other");
        online(2, 4, "other");
        for (long id = 10; id < 15; id++) {
            router.enqueue(queued(id, "other"));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(servedOrder()).containsExactly(10L, 11L, 12L);
        assertThat(router.activeCount()).isEqualTo(3);
        assertThat(router.position(13)).get().extracting(QueuePosition::position).isEqualTo(1);

        router.release(11);
        assertThat(servedOrder()).containsExactly(13L);
    }

    @Test
    void servesTheLongestWaitingAcrossDepartmentsFirst() {
        online(1, 1, "payments", "access");
        router.enqueue(queued(20, "access"));
        clock.advance(Duration.ofSeconds(1));
        router.enqueue(queued(10, "payments"));
        assertThat(servedOrder()).containsExactly(20L);
    }

    @Test
    void withinOnePriorityTheQueueIsStrictlyFirstInFirstOut() {
        online(1, 1, "other");
        for (long id = 30; id > 20; id--) {
            router.enqueue(queued(id, "other", Priority.VIP));
            clock.advance(Duration.ofMillis(1));
        }
        List<Long> order = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Assignment a = router.dispatch().get(0);
            order.add(a.conversationId());
            router.release(a.conversationId());
        }
        assertThat(order).containsExactly(30L, 29L, 28L, 27L, 26L, 25L, 24L, 23L, 22L, 21L);
    }

    @Test
    void vipGoesFirstAheadOfEarlierNormalConversations() {
        router.putAgent(1, Set.of("payments"), 1);
        router.enqueue(queued(10, "payments"));
        clock.advance(Duration.ofMinutes(3));
        router.enqueue(queued(11, "payments", Priority.VIP));
        router.setPresence(1, Presence.ONLINE);

        Assignment first = router.dispatch().get(0);
        assertThat(first.conversationId()).isEqualTo(11L);
        assertThat(first.reason()).contains("priority vip");
        assertThat(router.position(10)).get().extracting(QueuePosition::position).isEqualTo(1);
    }

    @Test
    void urgentGoesBeforeVipAndVipBeforeReopened() {
        router.putAgent(1, Set.of("other"), 1);
        router.enqueue(queued(10, "other", Priority.REOPENED));
        router.enqueue(queued(11, "other", Priority.VIP));
        router.enqueue(queued(12, "other", Priority.URGENT));
        router.enqueue(queued(13, "other", Priority.NORMAL));
        router.setPresence(1, Presence.ONLINE);
        List<Long> order = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long id = router.dispatch().get(0).conversationId();
            order.add(id);
            router.release(id);
        }
        assertThat(order).containsExactly(12L, 11L, 10L, 13L);
    }

    @Test
    void aNormalConversationThatWaitedLongerThanTheHeadStartIsNotOvertakenSoNothingStarves() {
        router.putAgent(1, Set.of("other"), 1);
        router.enqueue(queued(10, "other"));
        clock.advance(Duration.ofMinutes(11));
        // a stream of VIPs arrives after the normal one has waited longer than the VIP head start (10 minutes)
        router.enqueue(queued(11, "other", Priority.VIP));
        clock.advance(Duration.ofMinutes(1));
        router.enqueue(queued(12, "other", Priority.VIP));
        router.setPresence(1, Presence.ONLINE);
        assertThat(servedOrder()).containsExactly(10L);
    }

    @Test
    void reopenedConversationGoesBackToItsPreviousAgentWhenTheyHaveAFreeSlot() {
        online(1, 4, "payments");
        online(2, 4, "payments");
        hold(2, 99, "payments", true);
        router.enqueue(queued(10, "payments"));
        clock.advance(Duration.ofSeconds(1));
        router.enqueue(new QueuedConversation(11, "payments", clock.instant(), Priority.REOPENED, 2L));

        List<Assignment> made = router.dispatch();

        assertThat(made.get(0).conversationId()).isEqualTo(11L);
        assertThat(made.get(0).agentId()).isEqualTo(2L);
        assertThat(made.get(0).reason()).startsWith("continuity");
        assertThat(made.get(1).conversationId()).isEqualTo(10L);
        assertThat(made.get(1).agentId()).isEqualTo(1L);
    }

    @Test
    void continuityGivesWayWhenThePreviousAgentIsOfflineOrFull() {
        online(1, 4, "payments");
        router.putAgent(2, Set.of("payments"), 4);
        router.enqueue(new QueuedConversation(11, "payments", clock.instant(), Priority.REOPENED, 2L));
        assertThat(router.dispatch()).singleElement().extracting(Assignment::agentId).isEqualTo(1L);

        online(3, 1, "payments");
        hold(3, 50, "payments", true);
        router.enqueue(new QueuedConversation(12, "payments", clock.instant(), Priority.REOPENED, 3L));
        assertThat(router.dispatch()).singleElement().extracting(Assignment::agentId).isEqualTo(1L);
    }

    @Test
    void agentGoingAwayKeepsAnsweredConversationsAndUnansweredOnesGoBackToTheHeadOfTheQueue() {
        online(1, 4, "other");
        router.enqueue(queued(10, "other"));
        router.enqueue(queued(11, "other"));
        router.dispatch();
        router.markReplied(10);
        clock.advance(Duration.ofMinutes(1));
        router.enqueue(queued(12, "other"));

        List<Requeued> requeued = router.goAway(1, Presence.AWAY);

        assertThat(requeued).extracting(Requeued::conversationId).containsExactly(11L);
        assertThat(router.holder(10)).contains(1L);
        assertThat(router.position(11)).get().extracting(QueuePosition::position).isEqualTo(1);
        assertThat(router.position(12)).get().extracting(QueuePosition::position).isEqualTo(2);
        online(2, 4, "other");
        assertThat(servedOrder()).containsExactly(11L, 12L);
    }

    @Test
    void requeuedConversationGoesAheadEvenOfHigherPriorityArrivals() {
        online(1, 4, "other");
        router.enqueue(queued(10, "other"));
        router.dispatch();
        clock.advance(Duration.ofMinutes(1));
        router.enqueue(queued(11, "other", Priority.URGENT));
        router.goAway(1, Presence.OFFLINE);
        assertThat(router.position(10)).get().extracting(QueuePosition::position).isEqualTo(1);
    }

    @Test
    void overflowMovesLongWaitingConversationsToAnotherDepartmentOrToEmail() {
        router = new Router(RoutingPolicy.DEFAULT.withOverflow(Map.of(
                "violations", new OverflowRule(Duration.ofMinutes(10), "other"),
                "payments", new OverflowRule(Duration.ofMinutes(30), OverflowRule.EMAIL))), clock);
        router.enqueue(queued(10, "violations"));
        router.enqueue(queued(20, "payments"));
        clock.advance(Duration.ofMinutes(9));
        assertThat(router.overflowDue()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(router.overflowDue()).singleElement()
                .satisfies(o -> assertThat(o.rule().target()).isEqualTo("other"));
        assertThat(router.position(10)).get().extracting(QueuePosition::department).isEqualTo("other");
        online(1, 4, "other");
        assertThat(router.dispatch()).singleElement().extracting(Assignment::conversationId).isEqualTo(10L);

        clock.advance(Duration.ofMinutes(20));
        assertThat(router.overflowDue()).singleElement().satisfies(o -> {
            assertThat(o.conversationId()).isEqualTo(20L);
            assertThat(o.rule().toEmail()).isTrue();
        });
        assertThat(router.isWaiting(20)).isFalse();
    }

    @Test
    void afterTheExpansionTimeAnyOnlineAgentMayTakeAWaitingConversation() {
        router = new Router(RoutingPolicy.DEFAULT.withExpandAfter(Duration.ofSeconds(30)), clock);
        online(1, 4, "payments");
        router.putAgent(2, Set.of("violations"), 2);
        router.setPresence(2, Presence.ONLINE);
        hold(2, 90, "violations", true);
        hold(2, 91, "violations", true);
        router.enqueue(queued(10, "violations"));
        assertThat(router.dispatch()).isEmpty();

        clock.advance(Duration.ofSeconds(29));
        assertThat(router.overflowDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(router.overflowDue()).singleElement()
                .satisfies(o -> assertThat(o.rule().target()).isEqualTo(OverflowRule.ANY_AGENT));
        assertThat(router.dispatch()).singleElement().satisfies(a -> {
            assertThat(a.conversationId()).isEqualTo(10L);
            assertThat(a.agentId()).isEqualTo(1L);
        });
        router.checkInvariants();
    }

    @Test
    void overflowRulesThatGoRoundInACircleAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RoutingPolicy.DEFAULT.withOverflow(Map.of(
                        "a", new OverflowRule(Duration.ofMinutes(1), "b"),
                        "b", new OverflowRule(Duration.ofMinutes(1), "a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("circle");
    }

    @Test
    void repeatedOffersAndReleasesAreHarmless() {
        online(1, 4, "other");
        assertThat(router.enqueue(queued(10, "other"))).isTrue();
        assertThat(router.enqueue(queued(10, "other"))).isFalse();
        assertThat(router.dispatch()).hasSize(1);
        assertThat(router.enqueue(queued(10, "other"))).isFalse();
        router.release(10);
        router.release(10);
        assertThat(router.agent(1)).get().extracting(AgentLoad::activeChats).isEqualTo(0);
        router.checkInvariants();
    }

    @Test
    void waitEstimateUsesCapacityUntilTheQueueHasMoved() {
        online(1, 1, "other");
        online(2, 1, "other");
        hold(1, 1, "other", true);
        hold(2, 2, "other", true);
        router.enqueue(queued(10, "other"));
        router.enqueue(queued(11, "other"));
        // 2 online slots, 10 minutes per chat: the second in line waits about 10 minutes
        assertThat(router.position(11)).get().extracting(QueuePosition::estimatedWait)
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void waitEstimateFollowsHowFastTheQueueMoves() {
        online(1, 1, "other");
        hold(1, 1, "other", true);
        for (long id = 10; id < 20; id++) {
            router.enqueue(queued(id, "other"));
        }
        // the queue moves one place every 2 minutes
        for (long id = 10; id < 15; id++) {
            clock.advance(Duration.ofMinutes(2));
            router.release(id == 10 ? 1 : id - 1);
            router.dispatch();
        }
        assertThat(router.position(17)).get().satisfies(p -> {
            assertThat(p.position()).isEqualTo(3);
            assertThat(p.estimatedWait()).isEqualTo(Duration.ofMinutes(6));
        });
    }

    @Test
    void snapshotListsEveryDepartmentWithItsOldestWait() {
        Instant first = clock.instant();
        router.enqueue(queued(10, "payments"));
        clock.advance(Duration.ofSeconds(30));
        router.enqueue(queued(11, "payments"));
        List<QueueSnapshot> snapshot = router.snapshot(List.of("access", "payments"));
        assertThat(snapshot).extracting(QueueSnapshot::department).containsExactly("access", "payments");
        assertThat(snapshot.get(1).length()).isEqualTo(2);
        assertThat(snapshot.get(1).oldestQueuedAt()).isEqualTo(first);
        assertThat(snapshot.get(0).oldestQueuedAt()).isNull();
    }

    @Test
    void clearingConversationsKeepsAgentsButEmptiesQueuesAndSlots() {
        online(1, 4, "other");
        hold(1, 5, "other", false);
        router.enqueue(queued(10, "other"));
        router.clearConversations();
        assertThat(router.isWaiting(10)).isFalse();
        assertThat(router.agent(1)).get().extracting(AgentLoad::activeChats, AgentLoad::presence)
                .containsExactly(0, Presence.ONLINE);
        router.checkInvariants();
    }

    /** A place counted from the nearer end is the same place: checked against the queue's own order. */
    @Test
    void positionsInALongMixedQueueAreTheServiceOrder() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (long id = 1; id <= 600; id++) {
            Priority priority = random.nextInt(10) == 0 ? Priority.VIP : Priority.NORMAL;
            router.enqueue(new QueuedConversation(id, "payments", clock.instant(), priority, null));
            clock.advance(Duration.ofMillis(random.nextInt(3)));
        }
        for (long id = 1; id <= 600; id += 7) {
            router.release(id); // gaps, as when users leave
        }
        List<QueuePosition> all = router.positions();
        for (QueuePosition expected : all) {
            assertThat(router.position(expected.conversationId()).orElseThrow().position())
                    .as("conversation " + expected.conversationId()).isEqualTo(expected.position());
        }
        assertThat(all).hasSize(600 - 86);
    }
}
