package org.otklik.server.triage;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Triage inside the server: the department, the labels agents see and correct, and the FAQ's automatic answers. */
class TriageIT extends PostgresIT {

    @Autowired
    CannedReplies cannedReplies;

    private JsonNode send(TestChannel channel, String text, String source) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("externalId", unique("m"),
                "contact", Map.of("externalId", unique("c"), "name", "Лена"), "text", text));
        if (source != null) {
            body.put("source", source);
        }
        Api.Response r = api.post("/api/v1/inbound", channel.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    @Test
    void aProblemGoesToTheDepartmentTriageReadsUnlessTheChannelServesOneDepartment() {
        String dept = newDepartment();
        String adminToken = tokenOf(newAdmin());
        long triaged = send(newTriagedChannel(dept), "Здравствуйте, с карты дважды списали 299 рублей за подписку, "
                + "верните второй платёж пожалуйста", "ok_message").get("conversationId").asLong();
        assertThat(api.get("/api/v1/conversations/" + triaged, adminToken).json().get("department").asString())
                .isEqualTo("payments");

        long fixed = send(newApiChannel(dept), "Здравствуйте, с карты дважды списали 299 рублей за подписку",
                "ok_message").get("conversationId").asLong();
        assertThat(api.get("/api/v1/conversations/" + fixed, adminToken).json().get("department").asString())
                .isEqualTo(dept);
    }

    @Test
    void agentsSeeTheLabelsCorrectThemAndCorrectionsBecomeLabelledData() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(4, dept);
        String token = goOnline(agent);
        long id = send(channel, "п***ц а не приложение, лента опять не грузится", "vk_comment")
                .get("conversationId").asLong();

        JsonNode inbound = api.get("/api/v1/conversations/" + id + "/messages", token).json().get(0);
        JsonNode labels = inbound.get("triage");
        assertThat(labels.get("profanity").asBoolean()).isTrue();
        assertThat(labels.get("outage").asString()).isEqualTo("app");
        assertThat(labels.get("source").asString()).isEqualTo("vk_comment");
        assertThat(labels.get("confidence").get("kind").asDouble()).isBetween(0.0, 1.0);
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", channel.token()).json().get(0).has("triage"))
                .isFalse();
        assertThat(api.get("/actuator/prometheus", null).body())
                .containsPattern("otklik_triage_outage_reports_total\\{component=\"app\"} [1-9]")
                .contains("otklik_triage_messages_total{kind=");

        long messageId = inbound.get("id").asLong();
        Api.Response bad = api.put("/api/v1/messages/" + messageId + "/triage", token,
                Map.of("kind", "complaint", "lang", "ru"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("kind");

        Api.Response corrected = api.put("/api/v1/messages/" + messageId + "/triage", token,
                Map.of("kind", "negative_vague", "lang", "ru", "profanity", true));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().get("corrected").asBoolean()).isTrue();
        assertThat(corrected.json().get("kind").asString()).isEqualTo("negative_vague");

        String export = api.get("/api/v1/admin/triage/corrections", tokenOf(newAdmin())).body();
        assertThat(export).contains("п***ц а не приложение").contains("\"kind\":\"negative_vague\"");
        assertThat(api.get("/api/v1/admin/triage/corrections", token).status()).isEqualTo(403);

        assertThat(api.post("/api/v1/inbound", channel.token(), Map.of("externalId", unique("m"),
                "contact", Map.of("externalId", "x"), "text", "привет", "source", "carrier-pigeon")).json()
                .get("field").asString()).isEqualTo("source");
    }

    private List<String> kinds(TestChannel channel, long id) {
        List<String> kinds = new ArrayList<>();
        api.get("/api/v1/conversations/" + id + "/messages", channel.token()).json()
                .forEach(m -> kinds.add(m.get("direction").asString() + ":" + m.get("kind").asString()));
        return kinds;
    }

    @Test
    void theFaqAnswersAPlainQuestionAtOnceAndTheUserCanStillAskForAPerson() {
        String dept = newDepartment();
        cannedReplies.create("Как отключить автопродление подписки?", "Настройки → «Платежи и подписки» → "
                + "«Отключить автопродление».", null, "faq");
        TestChannel channel = newTriagedChannel(dept);

        JsonNode helped = send(channel, "подскажите, как отключить автопродление подписки?", "vk_message");
        long first = helped.get("conversationId").asLong();
        assertThat(helped.get("status").asString()).isEqualTo("resolution_proposed");
        assertThat(kinds(channel, first)).containsExactly("in:text", "out:text", "out:resolution_request");
        JsonNode closed = api.post("/api/v1/conversations/" + first + "/confirmation", channel.token(),
                Map.of("confirmed", true)).json();
        assertThat(closed.get("closeReason").asString()).isEqualTo("confirmed");

        long second = send(channel, "как отключить автопродление подписки?", "vk_message")
                .get("conversationId").asLong();
        JsonNode rejected = api.post("/api/v1/conversations/" + second + "/confirmation", channel.token(),
                Map.of("confirmed", false)).json();
        assertThat(rejected.get("status").asString()).isEqualTo("waiting");

        JsonNode personal = send(channel, "с меня списали 1490 за подписку, которую я отключала, верните деньги",
                "vk_message");
        assertThat(personal.get("status").asString()).isEqualTo("waiting");
    }
}
