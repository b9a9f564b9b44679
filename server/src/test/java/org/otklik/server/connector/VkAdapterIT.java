package org.otklik.server.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.connector.vk.VkAdapter;
import org.otklik.server.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * VK Callback API and methods against a stand-in speaking VK's documented format (https://dev.vk.com/ru/api/callback):
 * confirmation, secret and group_id, {@code message_new}, {@code wall_reply_new}; {@code messages.send} with
 * {@code random_id} and {@code wall.createComment}, answering {@code {"response": ...}} or {@code {"error": ...}}.
 */
class VkAdapterIT extends PlatformChannelIT implements ChannelAdapterContract {

    static final String GROUP = "218000111";
    static final String SECRET = "vkSecret42";
    private static final String SEND = "/method/messages.send";

    @Autowired
    VkAdapter vk;

    @Override
    public Created channel() {
        return create("vk", Map.of("groupId", GROUP, "accessToken", "vk1.a.community-token", "secret", SECRET,
                "confirmation", "a1b2c3d4", "apiBaseUrl", standInUrl()));
    }

    @Override
    public ChannelAdapter adapter() {
        return vk;
    }

    @Override
    public String contactId(String seed) {
        return Long.toString(Math.abs(seed.hashCode()) + 1000L);
    }

    private static String messageNew(String secret, String contact, long id, String text) {
        return """
                {"group_id": %s, "type": "message_new", "event_id": "ev%d", "v": "5.199", "secret": "%s",
                 "object": {"message": {"date": 1763900000, "from_id": %s, "id": %d, "out": 0, "version": 10000001,
                   "attachments": [], "conversation_message_id": %d, "fwd_messages": [], "important": false,
                   "is_hidden": false, "peer_id": %s, "random_id": 0, "text": "%s"},
                  "client_info": {"button_actions": ["text"], "keyboard": true, "inline_keyboard": true,
                   "carousel": true, "lang_id": 0}}}""".formatted(GROUP, id, secret, contact, id, id, contact, text);
    }

    private Api.Response callback(Created channel, String json) {
        return api.postRaw("/webhooks/vk/" + channel.channelId(), null, json);
    }

    @Override
    public void deliver(Created channel, String eventId, String contact, String text) {
        Api.Response r = callback(channel, messageNew(SECRET, contact, Math.abs(eventId.hashCode()), text));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Override
    public int deliverForged(Created channel, String contact, String text) {
        return callback(channel, messageNew("guessed", contact, 5, text)).status();
    }

    @Override
    public void acceptSends(String platformId) {
        standIn.stubFor(post(urlEqualTo(SEND)).willReturn(okJson("{\"response\": " + platformId + "}")));
    }

    @Override
    public void failSends(int times, String platformId) {
        for (int i = 0; i < times; i++) {
            standIn.stubFor(post(urlEqualTo(SEND)).inScenario("down")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willReturn(okJson("{\"error\": {\"error_code\": 10, \"error_msg\": \"Internal server error\","
                            + " \"request_params\": []}}"))
                    .willSetStateTo("failed-" + (i + 1)));
        }
        standIn.stubFor(post(urlEqualTo(SEND)).inScenario("down").whenScenarioStateIs("failed-" + times)
                .willReturn(okJson("{\"response\": " + platformId + "}")));
    }

    @Override
    public int sendCalls(String contact) {
        return standIn.findAll(postRequestedFor(urlEqualTo(SEND)).withRequestBody(containing("peer_id=" + contact
                + "&"))).size();
    }

    @Test
    void confirmationIsAnsweredWithTheConfiguredStringAndAnotherGroupIsRefused() {
        Created channel = channel();
        Api.Response confirm = callback(channel, "{\"type\": \"confirmation\", \"group_id\": " + GROUP + "}");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).isEqualTo("a1b2c3d4");
        assertThat(callback(channel, "{\"type\": \"confirmation\", \"group_id\": 1}").status()).isEqualTo(403);
        assertThat(callback(channel, "not json").status()).isEqualTo(400);
        assertThat(api.postRaw("/webhooks/vk/no-such-channel", null, "{}").status()).isEqualTo(404);
    }

    @Test
    void sendsCarryARandomIdSoVkDropsARepeatAndAreFormEncodedAsVkExpects() {
        Created channel = channel();
        acceptSends("555");
        String contact = contactId("rnd" + System.nanoTime());
        String agent = onlineAgentToken(channel.department());
        deliver(channel, "r1" + contact, contact, "Здравствуйте, пропали сообщения из диалога");
        Instant until = Instant.now().plusSeconds(15);
        while (sendCalls(contact) == 0 && Instant.now().isBefore(until)) {
            long id = conversationId(channel.channelId(), contact);
            api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Посмотрим, секунду"));
            sleep(500);
        }
        LoggedRequest sent = standIn.findAll(postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(containing("peer_id=" + contact + "&"))).getFirst();
        assertThat(sent.getBodyAsString()).contains("peer_id=" + contact).contains("random_id=")
                .contains("access_token=vk1.a.community-token").contains("v=5.199");
    }

    @Test
    void wallCommentsBecomeMentionsAndAPublicReplyIsPostedAsACommentUnderThem() {
        Created channel = channel();
        String stream = unique("vk");
        api.post("/api/v1/admin/streams", adminToken(), Map.of("id", stream, "terms", List.of("Гравикар")));
        String comment = """
                {"group_id": %s, "type": "wall_reply_new", "event_id": "w1", "v": "5.199", "secret": "%s",
                 "object": {"id": 4501, "from_id": 777001, "date": 1763900000, "text": "Гравикар списал деньги дважды, верните!",
                  "post_owner_id": -%s, "owner_id": -%s, "post_id": 310, "parents_stack": [], "thread": {"count": 0}}}"""
                .formatted(GROUP, SECRET, GROUP, GROUP);
        assertThat(callback(channel, comment).body()).isEqualTo("ok");
        assertThat(callback(channel, comment).body()).isEqualTo("ok"); // VK retries: stored once
        Long mention = jdbc.queryForObject("select id from mention where channel_id = ? and source_id = ?",
                Long.class, channel.channelId(), "wall-" + GROUP + "_310_4501");
        standIn.stubFor(post(urlEqualTo("/method/wall.createComment"))
                .willReturn(okJson("{\"response\": {\"comment_id\": 4502, \"parents_stack\": []}}")));
        String agent = tokenOf(newAgent(2, newDepartment()));
        assertThat(api.post("/api/v1/mentions/" + mention + "/reply", agent,
                Map.of("text", "Здравствуйте! Напишите нам в сообщения сообщества, проверим платёж")).status())
                .isEqualTo(200);
        Instant until = Instant.now().plusSeconds(15);
        while (standIn.findAll(postRequestedFor(urlEqualTo("/method/wall.createComment"))).isEmpty()
                && Instant.now().isBefore(until)) {
            sleep(200);
        }
        LoggedRequest posted = standIn.findAll(postRequestedFor(urlEqualTo("/method/wall.createComment"))).getFirst();
        assertThat(posted.getBodyAsString()).contains("owner_id=-" + GROUP).contains("post_id=310")
                .contains("reply_to_comment=4501").contains("from_group=" + GROUP);
        sleep(500);
        assertThat(jdbc.queryForObject("""
                select d.platform_message_id from outbound_delivery d join mention_reply r on r.id = d.mention_reply_id
                where r.mention_id = ?""", String.class, mention)).isEqualTo("4502");
        standIn.verify(1, postRequestedFor(urlEqualTo("/method/wall.createComment"))
                .withRequestBody(containing("guid=otklik-")));
    }

    @Test
    void aPermanentErrorFailsTheDeliveryWithTheReasonAndIsNotRetried() {
        Created channel = channel();
        standIn.stubFor(post(urlEqualTo(SEND)).willReturn(okJson(
                "{\"error\": {\"error_code\": 901, \"error_msg\": \"Can't send messages for users without permission\"}}")));
        String contact = contactId("perm" + System.nanoTime());
        String agent = onlineAgentToken(channel.department());
        deliver(channel, "p1" + contact, contact, "Добрый день, не приходят уведомления");
        long id = conversationId(channel.channelId(), contact);
        awaitAssigned(agent, id);
        long message = api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Проверим"))
                .json().get("id").asLong();
        Instant until = Instant.now().plusSeconds(10);
        String status = null;
        String error = null;
        while (Instant.now().isBefore(until)) {
            for (var m : api.get("/api/v1/conversations/" + id + "/messages", agent).json()) {
                if (m.get("id").asLong() == message && m.get("delivery") != null && !m.get("delivery").isNull()) {
                    status = m.get("delivery").get("status").asString();
                    error = m.get("delivery").path("error").asString("");
                }
            }
            if ("failed".equals(status)) {
                break;
            }
            sleep(200);
        }
        assertThat(status).isEqualTo("failed");
        assertThat(error).contains("901").contains("without permission");
        clock.advance(Duration.ofHours(1));
        sleep(800);
        assertThat(sendCalls(contact)).isEqualTo(1);
    }

    @Test
    void aSendCutOffByACrashIsRetriedWithTheSameRandomIdSoVkDropsTheRepeat() {
        Created channel = channel();
        acceptSends("901");
        String contact = contactId("crash" + System.nanoTime());
        String agent = onlineAgentToken(channel.department());
        deliver(channel, "c1" + contact, contact, "Здравствуйте, не открываются фотографии в альбоме");
        long id = conversationId(channel.channelId(), contact);
        awaitAssigned(agent, id);
        long message = api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Сейчас проверим"))
                .json().get("id").asLong();
        Instant until = Instant.now().plusSeconds(10);
        while (sendCalls(contact) == 0 && Instant.now().isBefore(until)) {
            sleep(100);
        }
        sleep(300);
        // as if the process had died after VK got the request and before the outcome was written
        jdbc.update("update outbound_delivery set status = 'sending', updated_at = ? where message_id = ?",
                java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(10))), message);
        until = Instant.now().plusSeconds(10);
        while (sendCalls(contact) < 2 && Instant.now().isBefore(until)) {
            sleep(100);
        }
        List<LoggedRequest> sends = standIn.findAll(postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(containing("peer_id=" + contact + "&")));
        assertThat(sends).hasSize(2);
        assertThat(randomId(sends.get(1))).isEqualTo(randomId(sends.get(0)));
    }

    private static String randomId(LoggedRequest r) {
        return java.util.Arrays.stream(r.getBodyAsString().split("&")).filter(p -> p.startsWith("random_id="))
                .findFirst().orElseThrow();
    }

    long conversationId(String channelId, String contact) {
        return jdbc.queryForObject("""
                select c.id from conversation c join contact ct on ct.id = c.contact_id
                where c.channel_id = ? and ct.external_id = ? order by c.id desc fetch first 1 rows only""",
                Long.class, channelId, contact);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
