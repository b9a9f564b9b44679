package org.otklik.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.otklik.engine.TestClock;

class RouterTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final Router router = new Router(new RoutingPolicy(Duration.ofMinutes(10), Duration.ofMinutes(30)), clock);

    private QueuedConversation queued(long id, String department) {
        return new QueuedConversation(id, department, clock.instant(), Priority.NORMAL, null);
    }

    private void online(long agent, int cap, String... skills) {
        router.putAgent(agent, Set.of(skills), cap);
        router.setPresence(agent, Presence.ONLINE);
    }

    @Test
    void assignsTheLongestWaitingConversationToTheLeastLoadedSkilledAgent() {
        online(1, 4, "payments");
        online(2, 4, "payments");
        router.hold(1, 100);
        router.enqueue(queued(10, "payments"));
        clock.advance(Duration.ofSeconds(5));
        router.enqueue(queued(11, "payments"));

        List<Assignment> made = router.dispatch();

        assertThat(made).extracting(Assignment::conversationId, Assignment::agentId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, 2L),
                        org.assertj.core.groups.Tuple.tuple(11L, 1L));
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
        assertThat(router.dispatch()).extracting(Assignment::conversationId).containsExactly(10L, 11L);
        assertThat(router.position(12)).get().extracting(QueuePosition::position).isEqualTo(1);
        assertThat(router.position(13)).get().extracting(QueuePosition::position).isEqualTo(2);

        router.release(10);
        assertThat(router.dispatch()).extracting(Assignment::conversationId).containsExactly(12L);
        assertThat(router.agent(1)).get().extracting(AgentLoad::activeChats).isEqualTo(2);
    }

    @Test
    void servesTheLongestWaitingAcrossDepartmentsFirst() {
        online(1, 1, "payments", "access");
        router.enqueue(queued(20, "access"));
        clock.advance(Duration.ofSeconds(1));
        router.enqueue(queued(10, "payments"));
        assertThat(router.dispatch()).extracting(Assignment::conversationId).containsExactly(20L);
    }

    @Test
    void reopenedConversationIsServedBeforeNewcomersAndGoesBackToItsPreviousAgent() {
        online(1, 4, "payments");
        online(2, 4, "payments");
        router.hold(2, 99);
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
    void reopenedConversationGoesToAnotherAgentWhenThePreviousOneIsOffline() {
        online(1, 4, "payments");
        router.putAgent(2, Set.of("payments"), 4);
        router.enqueue(new QueuedConversation(11, "payments", clock.instant(), Priority.REOPENED, 2L));
        assertThat(router.dispatch()).singleElement().extracting(Assignment::agentId).isEqualTo(1L);
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
    }

    @Test
    void waitEstimateUsesCapacityUntilThereIsARecentAssignmentRate() {
        online(1, 1, "other");
        online(2, 1, "other");
        router.hold(1, 1);
        router.hold(2, 2);
        router.enqueue(queued(10, "other"));
        router.enqueue(queued(11, "other"));
        // 2 online slots, 10 minutes per chat: the second in line waits about 10 minutes
        assertThat(router.position(11)).get().extracting(QueuePosition::estimatedWait)
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void waitEstimateFollowsTheRecentAssignmentRate() {
        online(1, 100, "other");
        for (long id = 1; id <= 5; id++) {
            router.enqueue(queued(id, "other"));
            router.dispatch();
            clock.advance(Duration.ofMinutes(1));
        }
        router.setPresence(1, Presence.AWAY);
        router.enqueue(queued(10, "other"));
        router.enqueue(queued(11, "other"));
        router.enqueue(queued(12, "other"));
        // 5 assignments spread over the last 5 minutes: 4 per 5 minutes, so third in line waits ~3.75 minutes
        assertThat(router.position(12)).get().extracting(QueuePosition::estimatedWait)
                .isEqualTo(Duration.ofSeconds(225));
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
        router.hold(1, 5);
        router.enqueue(queued(10, "other"));
        router.clearConversations();
        assertThat(router.isWaiting(10)).isFalse();
        assertThat(router.agent(1)).get().extracting(AgentLoad::activeChats, AgentLoad::presence)
                .containsExactly(0, Presence.ONLINE);
    }
}
