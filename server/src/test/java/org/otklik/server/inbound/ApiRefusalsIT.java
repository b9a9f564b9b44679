package org.otklik.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.agent.Agent;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad input gets a 400 naming the field, wrong callers 401/403, and nothing is stored from a refused request. */
class ApiRefusalsIT extends PostgresIT {

    @Autowired
    JdbcClient jdbc;

    private long messageCount() {
        return jdbc.sql("select count(*) from message").query(Long.class).single();
    }

    private Map<String, Object> validMessage() {
        Map<String, Object> body = new HashMap<>();
        body.put("externalId", unique("m"));
        body.put("contact", new HashMap<>(Map.of("externalId", "u1", "name", "Ира")));
        body.put("text", "Привет");
        return body;
    }

    private void assertRefused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (field != null) {
            assertThat(r.json().get("field").asString()).isEqualTo(field);
        }
        assertThat(r.json().get("error").asString()).isNotBlank();
    }

    @Test
    void malformedInboundRequestsNameTheFieldAndStoreNothing() {
        TestChannel channel = newApiChannel(newDepartment());
        long before = messageCount();

        Map<String, Object> noExternalId = validMessage();
        noExternalId.remove("externalId");
        assertRefused(api.post("/api/v1/inbound", channel.token(), noExternalId), 400, "externalId");

        Map<String, Object> noContact = validMessage();
        noContact.remove("contact");
        assertRefused(api.post("/api/v1/inbound", channel.token(), noContact), 400, "contact");

        Map<String, Object> blankContactId = validMessage();
        blankContactId.put("contact", Map.of("externalId", " "));
        assertRefused(api.post("/api/v1/inbound", channel.token(), blankContactId), 400, "contact.externalId");

        Map<String, Object> emptyText = validMessage();
        emptyText.put("text", "");
        assertRefused(api.post("/api/v1/inbound", channel.token(), emptyText), 400, "text");

        Map<String, Object> hugeText = validMessage();
        hugeText.put("text", "я".repeat(10_001));
        assertRefused(api.post("/api/v1/inbound", channel.token(), hugeText), 400, "text");

        Map<String, Object> unknownDepartment = validMessage();
        unknownDepartment.put("department", "nonexistent");
        assertRefused(api.post("/api/v1/inbound", channel.token(), unknownDepartment), 400, "department");

        Map<String, Object> wrongType = validMessage();
        wrongType.put("contact", "not an object");
        assertRefused(api.post("/api/v1/inbound", channel.token(), wrongType), 400, "contact");

        assertRefused(api.postRaw("/api/v1/inbound", channel.token(), "{\"externalId\": "), 400, null);

        assertThat(messageCount()).isEqualTo(before);
    }

    @Test
    void callersWithoutTheRightTokenAreRefused() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(4, dept);
        String agentToken = tokenOf(agent);
        long before = messageCount();

        assertRefused(api.post("/api/v1/inbound", null, validMessage()), 401, null);
        assertRefused(api.post("/api/v1/inbound", "otk_ch_forged", validMessage()), 401, null);
        assertRefused(api.post("/api/v1/inbound", agentToken, validMessage()), 403, null);
        assertThat(messageCount()).isEqualTo(before);

        long id = send(channel, unique("m"), "u9", "вопрос").json().get("conversationId").asLong();
        assertRefused(api.post("/api/v1/conversations/" + id + "/replies", channel.token(), Map.of("text", "x")),
                403, null);
        assertRefused(api.get("/api/v1/admin/agents", agentToken), 403, null);
        assertRefused(api.post("/api/v1/auth/token", null, Map.of("login", agent.login(), "password", "wrong-one")),
                401, null);

        TestChannel other = newApiChannel(dept);
        assertRefused(api.get("/api/v1/conversations/" + id, other.token()), 403, null);
        assertRefused(api.post("/api/v1/conversations/" + id + "/confirmation", other.token(),
                Map.of("confirmed", true)), 403, null);
        assertRefused(api.post("/api/v1/conversations/" + id + "/abandonment", other.token(), Map.of()), 403, null);
        assertRefused(api.post("/api/v1/conversations/" + id + "/abandonment", agentToken, Map.of()), 403, null);
    }

    @Test
    void agentsSeeAndActOnlyWithinTheirDepartmentsAndAssignments() {
        String mine = newDepartment();
        String theirs = newDepartment();
        TestChannel channel = newApiChannel(theirs);
        Agent outsider = newAgent(4, mine);
        String outsiderToken = goOnline(outsider);
        Agent owner = newAgent(4, theirs);
        String ownerToken = goOnline(owner);
        Agent colleague = newAgent(1, theirs);
        String colleagueToken = tokenOf(colleague);

        long id = send(channel, unique("m"), "u10", "жалоба").json().get("conversationId").asLong();
        assertThat(api.get("/api/v1/conversations/" + id, ownerToken).json().get("assignee").asString())
                .isEqualTo(owner.login());

        assertRefused(api.get("/api/v1/conversations/" + id, outsiderToken), 403, null);
        assertRefused(api.get("/api/v1/conversations/" + id + "/messages", outsiderToken), 403, null);
        assertThat(api.get("/api/v1/conversations?department=" + theirs, outsiderToken).json()).isEmpty();

        assertThat(api.get("/api/v1/conversations/" + id, colleagueToken).status()).isEqualTo(200);
        assertRefused(api.post("/api/v1/conversations/" + id + "/replies", colleagueToken, Map.of("text", "я")),
                403, null);
        assertRefused(api.post("/api/v1/conversations/" + id + "/resolution", colleagueToken, Map.of()), 403, null);
        assertThat(api.get("/api/v1/conversations?department=" + theirs, colleagueToken).json()).hasSize(1);

        String adminToken = tokenOf(newAdmin());
        assertThat(api.get("/api/v1/conversations/" + id, adminToken).status()).isEqualTo(200);

        assertRefused(api.post("/api/v1/conversations/" + id + "/replies", ownerToken, Map.of()), 400, "text");
        assertRefused(api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(),
                Map.of("confirmed", true)), 409, null);
        assertRefused(api.put("/api/v1/agents/me/status", ownerToken, Map.of("status", "busy")), 400, "status");
        assertRefused(api.get("/api/v1/conversations/999999999", ownerToken), 404, null);
        assertRefused(api.get("/api/v1/conversations/abc", ownerToken), 400, "id");
    }

    @Test
    void theFirstAdminOfAnEmptyDatabaseComesFromTheBootstrapSettings() {
        String token = api.login(BOOTSTRAP_ADMIN, PASSWORD);
        assertThat(api.get("/api/v1/agents/me", token).json().get("role").asString()).isEqualTo("admin");
        assertThat(api.get("/api/v1/admin/agents", token).status()).isEqualTo(200);
    }

    @Test
    void adminCreatesChannelsAgentsAndCannedRepliesAndTheTokenWorks() {
        String adminToken = tokenOf(newAdmin());
        String dept = newDepartment();
        Api.Response channel = api.post("/api/v1/admin/channels", adminToken,
                Map.of("type", "api", "name", "CRM", "defaultDepartment", dept));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String token = channel.json().get("token").asString();
        assertThat(channel.json().get("webhookUrl").asString()).endsWith("/api/v1/inbound");
        assertThat(api.get("/api/v1/admin/channels", adminToken).body()).doesNotContain(token);

        assertRefused(api.post("/api/v1/admin/channels", adminToken, Map.of("type", "fax", "name", "x")), 400,
                "type");
        assertRefused(api.post("/api/v1/admin/agents", adminToken, Map.of("login", "x y", "displayName", "X",
                "password", "long-enough-pw")), 400, "login");
        assertRefused(api.post("/api/v1/admin/agents", adminToken, Map.of("login", unique("a"), "displayName", "X",
                "password", "short")), 400, "password");
        assertRefused(api.post("/api/v1/admin/agents", adminToken, Map.of("login", unique("a"), "displayName", "X",
                "password", "long-enough-pw", "maxChats", 0)), 400, "maxChats");
        assertRefused(api.post("/api/v1/admin/canned-replies", adminToken, Map.of("title", "t",
                "body", "Привет, {{user.phone}}")), 400, "body");

        Api.Response agent = api.post("/api/v1/admin/agents", adminToken, Map.of("login", unique("new"),
                "displayName", "Новая Сотрудница", "password", "long-enough-pw", "skills", java.util.List.of(dept),
                "maxChats", 2));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        assertThat(agent.json().get("maxChats").asInt()).isEqualTo(2);

        long id = api.post("/api/v1/inbound", token, Map.of("externalId", "crm-1", "contact",
                Map.of("externalId", "c1"), "text", "Здравствуйте")).json().get("conversationId").asLong();
        assertThat(api.get("/api/v1/conversations/" + id, adminToken).json().get("department").asString())
                .isEqualTo(dept);
    }

    /** The web chat's per-visitor limit (1 a second, 10 at once): the 11th message at once is refused and not stored. */
    @Test
    void aWebChatVisitorSendingTooFastIsAnswered429WithRetryAfterAndNothingStored() throws Exception {
        var widget = channels.create(null, org.otklik.server.channel.ChannelType.WIDGET, "Limits", newDepartment(),
                false);
        String key = widget.channel().widgetKey();
        String visitor = api.post("/widget/api/" + key + "/visitors", null, Map.of()).json().get("visitorToken")
                .asString();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<Integer> statuses = new java.util.ArrayList<>();
        java.net.http.HttpResponse<String> refused = null;
        for (int i = 0; i < 12; i++) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                            + "/widget/api/" + key + "/messages")).header("X-Visitor-Token", visitor)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"clientMessageId\": \"m" + i
                            + "\", \"text\": \"Сообщение " + i + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        assertThat(statuses.subList(0, 10)).containsOnly(202);
        assertThat(statuses.subList(10, 12)).contains(429); // (a refill may let one more in on a slow machine)
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("too many requests from this visitor");
        long conversation = api.withHeader("GET", "/widget/api/" + key + "/conversation", "X-Visitor-Token",
                visitor, null).json().get("conversationId").asLong();
        long stored = statuses.stream().filter(st -> st == 202).count();
        assertThat(api.get("/api/v1/conversations/" + conversation + "/messages", tokenOf(newAdmin())).json()
                .findValues("direction").stream().filter(d -> d.asString().equals("in")).count()).isEqualTo(stored);
        // another visitor is not held back
        String other = api.post("/widget/api/" + key + "/visitors", null, Map.of()).json().get("visitorToken")
                .asString();
        assertThat(api.withHeader("POST", "/widget/api/" + key + "/messages", "X-Visitor-Token", other,
                Map.of("clientMessageId", "x1", "text", "Здравствуйте")).status()).isEqualTo(202);
    }
}
