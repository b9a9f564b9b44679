package org.otklik.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.agent.Agent;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** One conversation's whole life through the REST API, on PostgreSQL. */
class ConversationLifecycleIT extends PostgresIT {

    @Autowired
    CannedReplies cannedReplies;

    private List<String> kinds(TestChannel channel, long conversationId) {
        List<String> kinds = new ArrayList<>();
        api.get("/api/v1/conversations/" + conversationId + "/messages", channel.token()).json()
                .forEach(m -> kinds.add(m.get("direction").asString() + ":" + m.get("kind").asString()));
        return kinds;
    }

    private String status(String token, long conversationId) {
        return api.get("/api/v1/conversations/" + conversationId, token).json().get("status").asString();
    }

    @Test
    void conversationWaitsIsAssignedAnsweredResolvedOnlyOnConfirmationAndRated() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(4, dept);

        Api.Response first = send(channel, unique("m"), "user-1", "Не могу оплатить подписку, карта не проходит");
        assertThat(first.status()).isEqualTo(202);
        JsonNode receipt = first.json();
        long id = receipt.get("conversationId").asLong();
        assertThat(receipt.get("duplicate").asBoolean()).isFalse();
        assertThat(receipt.get("status").asString()).isEqualTo("waiting");
        assertThat(receipt.get("queue").get("position").asInt()).isEqualTo(1);
        assertThat(receipt.get("queue").get("estimatedWaitSeconds").asLong()).isPositive();
        // the notice is written by routing's notice writer, after the receipt: wait for it, but not for long
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(kinds(channel, id)).containsExactly("in:text", "out:wait_notice"));

        String token = goOnline(agent);
        JsonNode conversation = api.get("/api/v1/conversations/" + id, token).json();
        assertThat(conversation.get("status").asString()).isEqualTo("assigned");
        assertThat(conversation.get("assignee").asString()).isEqualTo(agent.login());
        assertThat(conversation.get("channel").asString()).isEqualTo(channel.id());
        assertThat(conversation.get("department").asString()).isEqualTo(dept);
        assertThat(conversation.get("csat").isNull()).isTrue();

        Api.Response reply = api.post("/api/v1/conversations/" + id + "/replies", token,
                Map.of("text", "Здравствуйте! Какой банк выпустил карту?"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(status(token, id)).isEqualTo("awaiting_user");

        assertThat(send(channel, unique("m"), "user-1", "Сбербанк").json().get("status").asString())
                .isEqualTo("assigned");

        long canned = cannedReplies.create("Спасибо", "{{contact.name|Друг}}, спасибо! Проверяю платёж.", null).id();
        Api.Response cannedReply = api.post("/api/v1/conversations/" + id + "/replies", token,
                Map.of("cannedReplyId", canned));
        assertThat(cannedReply.json().get("text").asString()).isEqualTo("Мария, спасибо! Проверяю платёж.");

        JsonNode proposed = api.post("/api/v1/conversations/" + id + "/resolution", token, Map.of()).json();
        assertThat(proposed.get("status").asString()).isEqualTo("resolution_proposed");

        Api.Response early = api.post("/api/v1/conversations/" + id + "/csat", channel.token(), Map.of("score", 5));
        assertThat(early.status()).isEqualTo(409);

        JsonNode rejected = api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(),
                Map.of("confirmed", false)).json();
        assertThat(rejected.get("status").asString()).isEqualTo("assigned");

        api.post("/api/v1/conversations/" + id + "/resolution", token, Map.of());
        JsonNode closed = api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(),
                Map.of("confirmed", true)).json();
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("closeReason").asString()).isEqualTo("confirmed");

        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(channel, id).contains("out:csat_request"));
        assertThat(kinds(channel, id)).containsExactly("in:text", "out:wait_notice", "out:text", "in:text",
                "out:text", "out:resolution_request", "out:resolution_request", "out:csat_request");

        Api.Response rated = api.post("/api/v1/conversations/" + id + "/csat", channel.token(),
                Map.of("score", 5, "comment", "Быстро и по делу"));
        assertThat(rated.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/conversations/" + id + "/csat", channel.token(), Map.of("score", 1)).status())
                .isEqualTo(409);

        JsonNode seenByAgent = api.get("/api/v1/conversations/" + id, token).json();
        assertThat(seenByAgent.get("csat").get("score").asInt()).isEqualTo(5);
        assertThat(seenByAgent.get("csat").get("comment").asString()).isEqualTo("Быстро и по делу");
        assertThat(seenByAgent.get("assignee").isNull()).isTrue();

        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).contains("otklik_messages_received_total{channel=\"" + channel.id() + "\"} 2.0")
                .contains("otklik_conversations_closed_total{reason=\"confirmed\"}")
                .contains("otklik_queue_wait_seconds_count{department=\"" + dept + "\"} 1")
                .contains("otklik_conversations{status=\"waiting\"}");

        List<String> timeline = new ArrayList<>();
        api.get("/api/v1/conversations/" + id + "/timeline", token).json()
                .forEach(e -> timeline.add(e.get("type").asString()));
        assertThat(timeline).containsExactly("queued", "assigned", "first_reply", "returned_to_agent",
                "resolution_proposed", "resolution_rejected", "resolution_proposed", "closed");
    }

    @Test
    void unansweredProposalIsAutoClosedAndCountedApartFromConfirmedCloses() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(4, dept);
        String first = goOnline(agent);
        long id = send(channel, unique("m"), "user-2", "Помогите с подарком").json().get("conversationId").asLong();
        api.post("/api/v1/conversations/" + id + "/replies", first, Map.of("text", "Уже смотрю"));
        api.post("/api/v1/conversations/" + id + "/resolution", first, Map.of());

        clock.advance(Duration.ofHours(23));
        String token = tokenOf(agent); // API tokens live 12 hours
        assertThat(status(token, id)).isEqualTo("resolution_proposed");
        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(token, id).equals("closed"));
        assertThat(api.get("/api/v1/conversations/" + id, token).json().get("closeReason").asString())
                .isEqualTo("auto_closed");
    }

    @Test
    void userWritingWithinSevenDaysReopensWithTheSameAgentAndLaterStartsANewConversation() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent first = newAgent(4, dept);
        String firstToken = goOnline(first);
        long id = send(channel, unique("m"), "user-3", "Не приходит код").json().get("conversationId").asLong();
        api.post("/api/v1/conversations/" + id + "/resolution", firstToken, Map.of());
        api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(), Map.of("confirmed", true));
        goOnline(newAgent(4, dept)); // an idle colleague: continuity must still win

        clock.advance(Duration.ofDays(6));
        firstToken = tokenOf(first); // API tokens live 12 hours
        JsonNode again = send(channel, unique("m"), "user-3", "Опять не приходит код").json();
        assertThat(again.get("conversationId").asLong()).isEqualTo(id);
        JsonNode reopened = api.get("/api/v1/conversations/" + id, firstToken).json();
        assertThat(reopened.get("status").asString()).isEqualTo("assigned");
        assertThat(reopened.get("assignee").asString()).isEqualTo(first.login());
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("assignmentReason").asString()).startsWith("continuity");

        api.post("/api/v1/conversations/" + id + "/resolution", firstToken, Map.of());
        api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(), Map.of("confirmed", true));
        clock.advance(Duration.ofDays(8));
        JsonNode later = send(channel, unique("m"), "user-3", "Новый вопрос").json();
        assertThat(later.get("conversationId").asLong()).isNotEqualTo(id);
    }

    @Test
    void leastLoadedOnlineAgentWithTheSkillGetsTheLongestWaitingConversation() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent busy = newAgent(4, dept);
        String busyToken = goOnline(busy);
        long a = send(channel, unique("m"), "u-a", "первый").json().get("conversationId").asLong();
        assertThat(api.get("/api/v1/conversations/" + a, busyToken).json().get("assignee").asString())
                .isEqualTo(busy.login());

        Agent idle = newAgent(4, dept);
        String idleToken = goOnline(idle);
        long b = send(channel, unique("m"), "u-b", "второй").json().get("conversationId").asLong();
        assertThat(api.get("/api/v1/conversations/" + b, idleToken).json().get("assignee").asString())
                .isEqualTo(idle.login());
    }

    @Test
    void agentAtItsCapLeavesTheNextConversationWaitingWithItsPosition() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String token = goOnline(newAgent(1, dept));
        long held = send(channel, unique("m"), "c1", "раз").json().get("conversationId").asLong();
        JsonNode second = send(channel, unique("m"), "c2", "два").json();
        JsonNode third = send(channel, unique("m"), "c3", "три").json();
        assertThat(second.get("status").asString()).isEqualTo("waiting");
        assertThat(second.get("queue").get("position").asInt()).isEqualTo(1);
        assertThat(third.get("queue").get("position").asInt()).isEqualTo(2);

        api.post("/api/v1/conversations/" + held + "/resolution", token, Map.of());
        api.post("/api/v1/conversations/" + held + "/confirmation", channel.token(), Map.of("confirmed", true));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                status(token, second.get("conversationId").asLong()).equals("assigned"));
        assertThat(status(token, third.get("conversationId").asLong())).isEqualTo("waiting");
    }

    @Autowired
    ConversationManagement conversationManagement;

    /** Routing's decisions stored together: one that is no longer waiting is left out, the others are assigned. */
    @Test
    void assignmentsStoredTogetherSkipAConversationClosedMeanwhile() {
        String dept = newDepartment(); // nobody online: both wait
        TestChannel channel = newApiChannel(dept);
        long waiting = send(channel, unique("m"), unique("c"), "Не приходит код подтверждения").json()
                .get("conversationId").asLong();
        long left = send(channel, unique("m"), unique("c"), "Не могу оплатить").json().get("conversationId")
                .asLong();
        assertThat(api.post("/api/v1/conversations/" + left + "/abandonment", channel.token(), Map.of()).status())
                .isEqualTo(200);
        Agent agent = newAgent(4, dept);
        var stored = conversationManagement.assignAll(List.of(
                new ConversationManagement.AssignmentToStore(waiting, agent.id(), "test"),
                new ConversationManagement.AssignmentToStore(left, agent.id(), "test")));
        assertThat(stored).containsExactly(waiting);
        assertThat(conversationManagement.get(waiting).assigneeId()).isEqualTo(agent.id());
        assertThat(conversationManagement.get(left).assigneeId()).isNull();
        assertThat(conversationManagement.get(left).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void theReceiptSaysWhereTheConversationStandsAsTheDatabaseDoes() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String token = goOnline(newAgent(1, dept));

        JsonNode assigned = send(channel, unique("m"), "user-a", "Не могу войти в аккаунт").json();
        assertThat(assigned.get("status").asString()).isEqualTo("assigned");
        assertThat(assigned.get("queue").isNull()).isTrue();
        String waitingId = unique("m");
        JsonNode waiting = send(channel, waitingId, "user-b", "Не приходит код").json();
        assertThat(waiting.get("status").asString()).isEqualTo("waiting");
        assertThat(waiting.get("queue").get("position").asInt()).isEqualTo(1);
        JsonNode again = send(channel, unique("m"), "user-a", "Пишет, что пароль неверный").json();
        assertThat(again.get("conversationId").asLong()).isEqualTo(assigned.get("conversationId").asLong());
        assertThat(again.get("status").asString()).isEqualTo("assigned");
        JsonNode repeated = send(channel, waitingId, "user-b", "Не приходит код").json();
        assertThat(repeated.get("duplicate").asBoolean()).isTrue();
        assertThat(repeated.get("status").asString()).isEqualTo("waiting");
        for (JsonNode receipt : List.of(assigned, waiting, again)) {
            assertThat(status(token, receipt.get("conversationId").asLong()))
                    .isEqualTo(receipt.get("status").asString());
        }
    }
}
