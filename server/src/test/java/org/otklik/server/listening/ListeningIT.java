package org.otklik.server.listening;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.otklik.server.agent.Agent;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.otklik.server.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Listening in the server on PostgreSQL: streams managed over the API, public posts matched, triaged and stored once,
 * the four ways agents handle a mention, the processed share, and the digests (stored and e-mailed over real SMTP).
 */
class ListeningIT extends PostgresIT {

    @Autowired
    MentionDigests digests;
    @Autowired
    ListeningProperties properties;
    @Autowired
    JdbcTemplate jdbc;

    private String newStream(String adminToken, List<String> terms, List<String> exclude) {
        String id = unique("s");
        Api.Response r = api.post("/api/v1/admin/streams", adminToken,
                Map.of("id", id, "name", "Stream " + id, "terms", terms, "exclude", exclude));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return id;
    }

    private JsonNode post(TestChannel channel, String sourceId, String text) {
        Api.Response r = postRaw(channel, sourceId, text);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    private Api.Response postRaw(TestChannel channel, String sourceId, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("sourceId", sourceId);
        body.put("source", "vk_comment");
        body.put("text", text);
        body.put("author", Map.of("externalId", unique("vk"), "name", "Ольга"));
        body.put("url", "https://vk.com/wall-1_2?reply=" + sourceId);
        return api.post("/api/v1/mentions", channel.token(), body);
    }

    private int mentionRows() {
        return jdbc.queryForObject("select count(*) from mention", Integer.class);
    }

    @Test
    void adminsManageStreamsAndBadStreamsAreRefusedNamingTheField() {
        String admin = tokenOf(newAdmin());
        String id = newStream(admin, List.of("Одноклассники", "ok.ru"), List.of("встреча одноклассников"));
        assertThat(api.get("/api/v1/admin/streams", admin).json().findValuesAsString("id")).contains(id);

        Api.Response noTerms = api.post("/api/v1/admin/streams", admin, Map.of("id", unique("s"), "terms", List.of()));
        assertThat(noTerms.status()).isEqualTo(400);
        assertThat(noTerms.json().get("field").asString()).isEqualTo("terms");
        Api.Response badId = api.post("/api/v1/admin/streams", admin,
                Map.of("id", "no spaces!", "terms", List.of("OK")));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asString()).isEqualTo("id");
        assertThat(api.post("/api/v1/admin/streams", admin, Map.of("id", id, "terms", List.of("OK"))).status())
                .isEqualTo(409);

        Api.Response updated = api.put("/api/v1/admin/streams/" + id, admin,
                Map.of("name", "OK", "terms", List.of("Одноклассники"), "exclude", List.of()));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("terms").size()).isEqualTo(1);
        assertThat(api.put("/api/v1/admin/streams/" + id, admin, Map.of("terms", List.of(" "))).json()
                .get("field").asString()).isEqualTo("terms");
        assertThat(api.get("/api/v1/admin/streams", admin).json().findValuesAsString("id")).contains(id);

        String agent = tokenOf(newAgent(2, newDepartment()));
        assertThat(api.post("/api/v1/admin/streams", agent, Map.of("id", unique("s"), "terms", List.of("x")))
                .status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/admin/streams/" + id, admin).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/admin/streams/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void aPostIsMatchedTriagedAndStoredOnceAndOnlyWhenItMentionsAStream() throws Exception {
        String admin = tokenOf(newAdmin());
        String stream = newStream(admin, List.of("Квазарфон"), List.of());
        TestChannel crawler = newApiChannel(newDepartment());

        String sourceId = unique("p");
        JsonNode first = post(crawler, sourceId,
                "Не могу войти в Квазарфон, пишет неверный пароль, хотя пароль правильный. Помогите!");
        long id = first.get("mentionId").asLong();
        assertThat(first.get("duplicate").asBoolean()).isFalse();
        assertThat(first.get("streams").toString()).contains(stream);
        assertThat(first.get("actionable").asBoolean()).isTrue();

        JsonNode again = post(crawler, sourceId, "Не могу войти в Квазарфон, пишет неверный пароль");
        assertThat(again.get("mentionId").asLong()).isEqualTo(id);
        assertThat(again.get("duplicate").asBoolean()).isTrue();

        // an inflected form is a mention; a post about something else is not stored at all
        assertThat(post(crawler, unique("p"), "Обновил приложение Квазарфона, теперь всё летает").get("mentionId")
                .isNull()).isFalse();
        int before = mentionRows();
        JsonNode none = post(crawler, unique("p"), "Погода сегодня отличная, идём гулять в парк");
        assertThat(none.get("mentionId").isNull()).isTrue();
        assertThat(mentionRows()).isEqualTo(before);

        // eight crawlers deliver the same post at once: one mention
        String racing = unique("p");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<JsonNode> call = () -> post(crawler, racing, "Квазарфон опять не грузит ленту, что случилось?");
            results.add(pool.submit(call));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<JsonNode> f : results) {
            ids.add(f.get().get("mentionId").asLong());
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from mention where source_id = ?", Integer.class, racing))
                .isEqualTo(1);

        Agent agent = newAgent(2, newDepartment());
        JsonNode view = api.get("/api/v1/mentions/" + id, tokenOf(agent)).json();
        assertThat(view.get("streams").get(stream).toString()).contains("Квазарфон");
        assertThat(view.get("kind").asString()).isIn("problem", "negative_action");
        assertThat(view.get("status").asString()).isEqualTo("new");
    }

    @Test
    void badPostsGetA400NamingTheFieldAndStoreNothing() {
        String admin = tokenOf(newAdmin());
        newStream(admin, List.of("Квазарфон"), List.of());
        TestChannel crawler = newApiChannel(newDepartment());
        int before = mentionRows();

        Map<String, Object> noText = Map.of("sourceId", unique("p"), "source", "vk_comment");
        assertThat(field(api.post("/api/v1/mentions", crawler.token(), noText))).isEqualTo("text");
        Map<String, Object> noId = Map.of("text", "Квазарфон сломался", "source", "vk_comment");
        assertThat(field(api.post("/api/v1/mentions", crawler.token(), noId))).isEqualTo("sourceId");
        Map<String, Object> badSource = Map.of("sourceId", unique("p"), "source", "fax", "text", "Квазарфон");
        assertThat(field(api.post("/api/v1/mentions", crawler.token(), badSource))).isEqualTo("source");
        Map<String, Object> script = Map.of("sourceId", unique("p"), "text", "Квазарфон", "url",
                "javascript:alert(1)");
        assertThat(field(api.post("/api/v1/mentions", crawler.token(), script))).isEqualTo("url");
        Map<String, Object> batch = Map.of("posts", List.of(
                Map.of("sourceId", unique("p"), "text", "Квазарфон не работает"),
                Map.of("sourceId", unique("p"))));
        assertThat(field(api.post("/api/v1/mentions/batch", crawler.token(), batch))).isEqualTo("posts[1].text");
        assertThat(api.postRaw("/api/v1/mentions", crawler.token(), "{\"sourceId\": ").status()).isEqualTo(400);
        assertThat(mentionRows()).isEqualTo(before);

        String agentToken = tokenOf(newAgent(2, newDepartment()));
        assertThat(api.post("/api/v1/mentions", agentToken, Map.of("sourceId", "x", "text", "Квазарфон")).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/mentions", null, Map.of("sourceId", "x", "text", "Квазарфон")).status())
                .isEqualTo(401);
    }

    private static String field(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("field").asString();
    }

    @Test
    void agentsAnswerInPlaceMoveToPrivateConvertOrCloseWithAReasonOnce() {
        String admin = tokenOf(newAdmin());
        newStream(admin, List.of("Квазарфон"), List.of());
        TestChannel crawler = newApiChannel(newDepartment());
        Agent agent = newAgent(2, newDepartment());
        String token = tokenOf(agent);

        long answered = post(crawler, unique("p"), "Квазарфон списал деньги дважды за подписку, верните!")
                .get("mentionId").asLong();
        Api.Response reply = api.post("/api/v1/mentions/" + answered + "/reply", token,
                Map.of("text", "Ольга, проверим платёж — напишите номер заказа в личные сообщения"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("answered");
        assertThat(api.post("/api/v1/mentions/" + answered + "/reply", token, Map.of("text", "ещё раз")).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/mentions/" + answered + "/close", token, Map.of("reason", "дубль")).status())
                .isEqualTo(409);

        JsonNode outbox = api.get("/api/v1/mentions/outbox", crawler.token()).json();
        assertThat(outbox.toString()).contains("проверим платёж");
        long lastReply = outbox.get(outbox.size() - 1).get("replyId").asLong();

        String movedSource = unique("p");
        String movedText = "Квазарфон заблокировал мой аккаунт без причины, как восстановить доступ?";
        long moved = post(crawler, movedSource, movedText).get("mentionId").asLong();
        JsonNode movedView = api.post("/api/v1/mentions/" + moved + "/move-to-private", token, Map.of()).json();
        assertThat(movedView.get("status").asString()).isEqualTo("moved_to_private");
        long conversation = movedView.get("conversationId").asLong();
        JsonNode messages = api.get("/api/v1/conversations/" + conversation + "/messages", tokenOf(newAdmin()))
                .json();
        assertThat(messages.get(0).get("text").asString()).isEqualTo(movedText);
        JsonNode newOutbox = api.get("/api/v1/mentions/outbox?after=" + lastReply, crawler.token()).json();
        assertThat(newOutbox).hasSize(1);
        assertThat(newOutbox.get(0).get("mentionId").asLong()).isEqualTo(moved);
        assertThat(newOutbox.get(0).get("text").asString()).isEqualTo(properties.movedToPrivateText());
        assertThat(newOutbox.get(0).get("sourceId").asString()).isEqualTo(movedSource);

        long converted = post(crawler, unique("p"), "В Квазарфоне не приходит код подтверждения на телефон")
                .get("mentionId").asLong();
        JsonNode convertedView = api.post("/api/v1/mentions/" + converted + "/conversation", token, Map.of()).json();
        assertThat(convertedView.get("status").asString()).isEqualTo("converted");
        assertThat(convertedView.get("conversationId").isNull()).isFalse();

        long closed = post(crawler, unique("p"), "Квазарфон тормозит весь вечер, ужас").get("mentionId").asLong();
        // personal data never goes into a public reply
        Api.Response withPhone = api.post("/api/v1/mentions/" + closed + "/reply", token,
                Map.of("text", "Позвоните нам: +7 912 345-67-89"));
        assertThat(field(withPhone)).isEqualTo("text");
        assertThat(withPhone.json().get("error").asString()).contains("phone number").contains("private");
        assertThat(api.get("/api/v1/mentions/" + closed, token).json().get("status").asString()).isEqualTo("new");
        Api.Response noReason = api.post("/api/v1/mentions/" + closed + "/close", token, Map.of("reason", " "));
        assertThat(field(noReason)).isEqualTo("reason");
        assertThat(api.post("/api/v1/mentions/" + closed + "/close", token, Map.of("reason", "сбой уже исправлен"))
                .json().get("closeReason").asString()).isEqualTo("сбой уже исправлен");
        assertThat(api.post("/api/v1/mentions/999999999/reply", token, Map.of("text", "x")).status()).isEqualTo(404);
        assertThat(field(api.post("/api/v1/mentions/" + closed + "/reply", token, Map.of()))).isEqualTo("text");
    }

    @Test
    void theProcessedShareCountsActionableMentionsAnsweredOrClosedPerDayAndStream() {
        String admin = tokenOf(newAdmin());
        String stream = newStream(admin, List.of("Фотонбанк"), List.of());
        TestChannel crawler = newApiChannel(newDepartment());
        String token = tokenOf(newAgent(2, newDepartment()));
        List<String> problems = List.of("Фотонбанк списал деньги дважды, верните второй платёж",
                "Не могу войти в Фотонбанк, код из смс не приходит уже час",
                "Фотонбанк заблокировал карту без причины, помогите разблокировать",
                "Приложение Фотонбанка вылетает при оплате, деньги списались а заказ не оплачен");
        List<Long> actionable = new ArrayList<>();
        for (String text : problems) {
            JsonNode r = post(crawler, unique("p"), text);
            if (r.get("actionable").asBoolean()) {
                actionable.add(r.get("mentionId").asLong());
            }
        }
        post(crawler, unique("p"), "Пользуюсь Фотонбанком пятый год, всё отлично, спасибо!");
        assertThat(actionable).as("triage reads these problems as actionable").hasSizeGreaterThanOrEqualTo(3);
        api.post("/api/v1/mentions/" + actionable.get(0) + "/reply", token, Map.of("text", "Разберёмся!"));
        api.post("/api/v1/mentions/" + actionable.get(1) + "/close", token, Map.of("reason", "ответил в личке"));

        LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
        JsonNode kpi = api.get("/api/v1/mentions/kpi?from=" + today + "&to=" + today, token).json();
        JsonNode row = null;
        for (JsonNode s : kpi.get("streams")) {
            if (s.get("stream").asString().equals(stream)) {
                row = s;
            }
        }
        assertThat(row).as(kpi.toString()).isNotNull();
        assertThat(row.get("actionable").asInt()).isEqualTo(actionable.size());
        assertThat(row.get("processed").asInt()).isEqualTo(2);
        assertThat(row.get("processedShare").asDouble()).isEqualTo(2.0 / actionable.size());
        assertThat(kpi.get("days").get(0).get("day").asString()).isEqualTo(today.toString());
        assertThat(kpi.get("days").get(0).get("actionable").asInt()).isGreaterThanOrEqualTo(actionable.size());
        assertThat(field(api.get("/api/v1/mentions/kpi?from=2026-02-30&to=" + today, token))).isEqualTo("from");
        assertThat(field(api.get("/api/v1/mentions/kpi?from=" + today + "&to=" + today.minusDays(1), token)))
                .isEqualTo("to");
    }

    @Test
    @SuppressWarnings("unchecked")
    void digestsCountPerStreamListTheUnansweredFlagSpikesAndAreEmailed() throws Exception {
        String admin = tokenOf(newAdmin());
        String stream = newStream(admin, List.of("Гравилёт"), List.of());
        TestChannel crawler = newApiChannel(newDepartment());
        Instant start = clock.instant().minusSeconds(1);
        long unanswered = post(crawler, unique("p"), "Гравилёт списал деньги дважды, верните платёж")
                .get("mentionId").asLong();
        for (int i = 0; i < 6; i++) {
            post(crawler, unique("p"), "Гравилёт сегодня везде в новостях, выпуск номер " + i);
        }
        Map<String, Object> content = digests.content(start, clock.instant().plusSeconds(1));
        Map<String, Object> row = ((List<Map<String, Object>>) content.get("streams")).stream()
                .filter(s -> s.get("stream").equals(stream)).findFirst().orElseThrow();
        assertThat(row.get("total")).isEqualTo(7);
        assertThat(((Map<String, Integer>) row.get("sentiment")).values().stream().mapToInt(i -> i).sum())
                .isEqualTo(7);
        assertThat(((List<Map<String, Object>>) content.get("spikes")).stream().map(s -> s.get("stream")))
                .contains(stream);
        assertThat(((List<Map<String, Object>>) content.get("unanswered")).stream().map(m -> m.get("id")))
                .contains(unanswered);

        // the next digest time passes: the digest is made once, stored, and e-mailed over SMTP
        clock.advance(Duration.ofDays(1));
        Instant due = digests.latestDigestTime(clock.instant());
        digests.makeDue();
        assertThat(digests.makeDue()).isEmpty();
        MentionDigest made = digests.recent(5).stream().filter(d -> d.periodEnd().equals(due)).findFirst()
                .orElseThrow();
        assertThat(made.emailedTo()).isEqualTo(TestMail.DIGEST_RECIPIENT);
        MimeMessage mail = TestMail.received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(TestMail.DIGEST_RECIPIENT);
            } catch (Exception e) {
                return false;
            }
        }).reduce((a, b) -> b).orElseThrow();
        assertThat(mail.getSubject()).startsWith("Otklik: упоминания");
        String agentToken = tokenOf(newAgent(2, newDepartment()));
        JsonNode listed = api.get("/api/v1/mentions/digests?limit=5", agentToken).json();
        assertThat(listed.findValuesAsString("periodEnd")).isNotEmpty();
    }
}
