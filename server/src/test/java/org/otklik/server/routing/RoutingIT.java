package org.otklik.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.agent.Agent;
import org.otklik.server.routing.internal.Dispatcher;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The routing engine inside the server, on PostgreSQL: priorities, away requeue, continuity, notices, restart. */
class RoutingIT extends PostgresIT {

    @Autowired
    Dispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;

    private long send(TestChannel channel, String contact, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("externalId", unique("m"),
                "contact", new java.util.HashMap<>(Map.of("externalId", contact)), "text", "помогите"));
        body.putAll(extra);
        Api.Response r = api.post("/api/v1/inbound", channel.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("conversationId").asLong();
    }

    private JsonNode conversation(String token, long id) {
        return api.get("/api/v1/conversations/" + id, token).json();
    }

    private void close(TestChannel channel, String token, long id) {
        api.post("/api/v1/conversations/" + id + "/resolution", token, Map.of());
        api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(), Map.of("confirmed", true));
    }

    @Test
    void vipAndUrgentConversationsGoAheadOfEarlierOnes() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(1, dept);
        String token = goOnline(agent);
        long held = send(channel, "busy", Map.of());
        long normal = send(channel, "plain", Map.of());
        long vip = send(channel, "vip-user", Map.of("contact", Map.of("externalId", "vip-user", "vip", true)));
        long urgent = send(channel, "urgent-user", Map.of("urgent", true));
        assertThat(conversation(token, urgent).get("queue").get("position").asInt()).isEqualTo(1);
        assertThat(conversation(token, vip).get("queue").get("position").asInt()).isEqualTo(2);
        assertThat(conversation(token, normal).get("queue").get("position").asInt()).isEqualTo(3);
        assertThat(conversation(token, vip).get("contact").get("vip").asBoolean()).isTrue();

        List<Long> served = new ArrayList<>();
        long current = held;
        for (int i = 0; i < 3; i++) {
            close(channel, token, current);
            routing.settle();
            long next = List.of(urgent, vip, normal).stream()
                    .filter(id -> conversation(token, id).get("status").asString().equals("assigned"))
                    .findFirst().orElseThrow();
            served.add(next);
            current = next;
        }
        assertThat(served).containsExactly(urgent, vip, normal);
        assertThat(conversation(token, urgent).get("assignmentReason").asString()).contains("priority urgent");
    }

    @Autowired
    RoutingManagement routing;

    @Test
    void agentGoingAwayKeepsAnsweredConversationsAndUnansweredOnesGoToSomeoneElse() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent first = newAgent(4, dept);
        String firstToken = goOnline(first);
        long answered = send(channel, "a", Map.of());
        long unanswered = send(channel, "b", Map.of());
        api.post("/api/v1/conversations/" + answered + "/replies", firstToken, Map.of("text", "Смотрю"));

        api.put("/api/v1/agents/me/status", firstToken, Map.of("status", "away"));
        assertThat(conversation(firstToken, answered).get("assignee").asString()).isEqualTo(first.login());
        assertThat(conversation(firstToken, unanswered).get("status").asString()).isEqualTo("waiting");
        assertThat(conversation(firstToken, unanswered).get("queue").get("position").asInt()).isEqualTo(1);

        Agent second = newAgent(4, dept);
        String secondToken = goOnline(second);
        assertThat(conversation(secondToken, unanswered).get("assignee").asString()).isEqualTo(second.login());
        List<String> timeline = new ArrayList<>();
        api.get("/api/v1/conversations/" + unanswered + "/timeline", secondToken).json()
                .forEach(e -> timeline.add(e.get("type").asString()));
        assertThat(timeline).containsExactly("queued", "assigned", "requeued", "assigned");
    }

    @Test
    void aReturningUserGoesBackToTheirPreviousAgentWithinTheContinuityWindow() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent previous = newAgent(4, dept);
        String previousToken = goOnline(previous);
        long first = send(channel, "returning", Map.of());
        api.post("/api/v1/conversations/" + first + "/replies", previousToken, Map.of("text", "Готово"));
        close(channel, previousToken, first);
        api.post("/api/v1/conversations/" + send(channel, "someone", Map.of()) + "/replies", previousToken,
                Map.of("text", "x"));
        goOnline(newAgent(4, dept)); // idle: least loaded, yet continuity wins

        clock.advance(Duration.ofDays(8)); // past the 7-day reopen window, within the 30-day continuity window
        String token = tokenOf(previous);
        long second = send(channel, "returning", Map.of());
        assertThat(second).isNotEqualTo(first);
        JsonNode c = conversation(token, second);
        assertThat(c.get("assignee").asString()).isEqualTo(previous.login());
        assertThat(c.get("assignmentReason").asString()).startsWith("continuity");
    }

    @Test
    void waitingUsersAreToldAgainWhenTheirEstimateChangesALot() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent one = newAgent(1, dept);
        Agent two = newAgent(1, dept);
        String oneToken = goOnline(one);
        String twoToken = goOnline(two);
        for (String contact : List.of("x1", "x2")) {
            long id = send(channel, contact, Map.of());
            String token = conversation(oneToken, id).get("assignee").asString().equals(one.login()) ? oneToken
                    : twoToken;
            api.post("/api/v1/conversations/" + id + "/replies", token, Map.of("text", "Смотрю"));
        }
        long waiting = send(channel, "x3", Map.of());
        api.put("/api/v1/agents/me/status", twoToken, Map.of("status", "away"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notices(channel, waiting)).hasSize(2));
        List<String> notices = notices(channel, waiting);
        assertThat(notices.get(0)).contains("5 мин");
        assertThat(notices.get(1)).contains("10 мин");
    }

    private List<String> notices(TestChannel channel, long id) {
        List<String> texts = new ArrayList<>();
        api.get("/api/v1/conversations/" + id + "/messages", channel.token()).json().forEach(m -> {
            if (m.get("kind").asString().equals("wait_notice")) {
                texts.add(m.get("text").asString());
            }
        });
        return texts;
    }

    @Test
    void aRebuildFromTheDatabaseLosesNothingAndAssignsNothingTwice() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(2, dept);
        String token = goOnline(agent);
        long a = send(channel, "r1", Map.of());
        long b = send(channel, "r2", Map.of());
        long c = send(channel, "r3", Map.of());
        long d = send(channel, "r4", Map.of());

        dispatcher.rebuild();
        routing.settle();

        assertThat(routing.agentLoad(agent.id())).get().satisfies(l -> assertThat(l.activeChats()).isEqualTo(2));
        assertThat(routing.position(c)).get().satisfies(p -> assertThat(p.position()).isEqualTo(1));
        assertThat(routing.position(d)).get().satisfies(p -> assertThat(p.position()).isEqualTo(2));
        close(channel, token, a);
        routing.settle();
        assertThat(conversation(token, c).get("status").asString()).isEqualTo("assigned");
        assertThat(conversation(token, d).get("status").asString()).isEqualTo("waiting");
        assertThat(jdbc.sql("select count(*) from conversation_event where conversation_id = ? and type = 'assigned'")
                .param(c).query(Long.class).single()).isEqualTo(1);
        assertThat(b).isPositive();
    }
}
