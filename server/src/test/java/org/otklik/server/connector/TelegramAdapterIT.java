package org.otklik.server.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.connector.telegram.TelegramAdapter;
import org.otklik.server.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Telegram Bot API against a stand-in speaking its documented format (https://core.telegram.org/bots/api):
 * {@code {"ok": true, "result": ...}} envelopes, {@code sendMessage}, {@code getUpdates}, 429 with retry_after.
 */
class TelegramAdapterIT extends PlatformChannelIT implements ChannelAdapterContract {

    static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456789";
    static final String SECRET = "s3cr3t-token_for-webhook";
    private static final String SEND = "/bot" + TOKEN + "/sendMessage";

    @Autowired
    TelegramAdapter telegram;

    @Override
    public Created channel() {
        return create("telegram", Map.of("botToken", TOKEN, "webhookSecret", SECRET, "apiBaseUrl", standInUrl()));
    }

    @Override
    public ChannelAdapter adapter() {
        return telegram;
    }

    private static String update(long updateId, String contact, String messageId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %s, "date": 1763900000,
                 "from": {"id": %s, "is_bot": false, "first_name": "Лена", "last_name": "К", "language_code": "ru"},
                 "chat": {"id": %s, "first_name": "Лена", "type": "private"}, "text": "%s"}}"""
                .formatted(updateId, messageId, contact, contact, text);
    }

    private static long numeric(String contact) {
        return Math.abs(contact.hashCode()) + 1000L;
    }

    @Override
    public String contactId(String seed) {
        return Long.toString(numeric(seed));
    }

    @Override
    public void deliver(Created channel, String eventId, String contact, String text) {
        Api.Response r = postWebhook(channel, SECRET, update(Math.abs(eventId.hashCode()), contact,
                Integer.toString(Math.abs(eventId.hashCode()) % 100000), text));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private Api.Response postWebhook(Created channel, String secret, String json) {
        return api.rawWithHeader("/webhooks/telegram/" + channel.channelId(), TelegramAdapter.SECRET_HEADER, secret,
                json);
    }

    @Override
    public int deliverForged(Created channel, String contact, String text) {
        return postWebhook(channel, "guessed", update(1, contact, "1", text)).status();
    }

    @Override
    public void acceptSends(String platformId) {
        standIn.stubFor(post(urlEqualTo(SEND)).willReturn(okJson(sent(platformId))));
    }

    private static String sent(String platformId) {
        return "{\"ok\": true, \"result\": {\"message_id\": " + platformId + ", \"date\": 1763900001,"
                + " \"chat\": {\"id\": 1, \"type\": \"private\"}, \"text\": \"...\"}}";
    }

    @Override
    public void failSends(int times, String platformId) {
        for (int i = 0; i < times; i++) {
            standIn.stubFor(post(urlEqualTo(SEND)).inScenario("down")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "application/json")
                            .withBody("{\"ok\": false, \"error_code\": 502, \"description\": \"Bad Gateway\"}"))
                    .willSetStateTo("failed-" + (i + 1)));
        }
        standIn.stubFor(post(urlEqualTo(SEND)).inScenario("down").whenScenarioStateIs("failed-" + times)
                .willReturn(okJson(sent(platformId))));
    }

    @Override
    public int sendCalls(String contact) {
        return standIn.findAll(postRequestedFor(urlEqualTo(SEND))
                .withRequestBody(matchingJsonPath("$.chat_id", equalTo(contact)))).size();
    }

    @Test
    void privateMessagesWithPhotosAndDocumentsAreDescribedAndChannelCommentsBecomeMentions() throws Exception {
        Created channel = channel();
        String photo = """
                {"update_id": 9001, "message": {"message_id": 51, "date": 1763900000,
                 "from": {"id": 4242, "first_name": "Ира"}, "chat": {"id": 4242, "type": "private"},
                 "photo": [{"file_id": "small", "file_size": 1200, "width": 90, "height": 90},
                           {"file_id": "big", "file_size": 81234, "width": 1280, "height": 960}],
                 "caption": "Вот скриншот ошибки при оплате"}}""";
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
        standIn.stubFor(post(urlEqualTo("/bot" + TOKEN + "/getFile"))
                .withRequestBody(matchingJsonPath("$.file_id", equalTo("big")))
                .willReturn(okJson("{\"ok\": true, \"result\": {\"file_id\": \"big\", \"file_unique_id\": \"u1\","
                        + " \"file_size\": 12, \"file_path\": \"photos/file_7.jpg\"}}")));
        standIn.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/file/bot" + TOKEN
                + "/photos/file_7.jpg")).willReturn(aResponse().withStatus(200).withBody(jpeg)));
        assertThat(postWebhook(channel, SECRET, photo).status()).isEqualTo(200);
        String stored = jdbc.queryForObject("select body from message where channel_id = ? and external_id = ?",
                String.class, channel.channelId(), "4242:51");
        assertThat(stored).startsWith("Вот скриншот ошибки при оплате").contains("[вложение: photo.jpg, 79 КБ]");
        long messageId = jdbc.queryForObject("select id from message where channel_id = ? and external_id = ?",
                Long.class, channel.channelId(), "4242:51");
        assertThat(jdbc.queryForObject("select content_type from attachment where message_id = ?", String.class,
                messageId)).isEqualTo("image/jpeg");
        long attachment = jdbc.queryForObject("select id from attachment where message_id = ?", Long.class,
                messageId);
        String admin = adminToken();
        java.net.http.HttpResponse<byte[]> file = download("/api/v1/attachments/" + attachment, admin);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(jpeg);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(file.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");

        // a "PNG" that is really a page with a script: its bytes are not kept
        String document = """
                {"update_id": 9003, "message": {"message_id": 52, "date": 1763900000,
                 "from": {"id": 4242, "first_name": "Ира"}, "chat": {"id": 4242, "type": "private"},
                 "document": {"file_id": "doc1", "file_name": "check.png", "mime_type": "image/png", "file_size": 40}}}""";
        standIn.stubFor(post(urlEqualTo("/bot" + TOKEN + "/getFile"))
                .withRequestBody(matchingJsonPath("$.file_id", equalTo("doc1")))
                .willReturn(okJson("{\"ok\": true, \"result\": {\"file_id\": \"doc1\", \"file_unique_id\": \"u2\","
                        + " \"file_size\": 40, \"file_path\": \"documents/file_8.png\"}}")));
        standIn.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/file/bot" + TOKEN
                + "/documents/file_8.png")).willReturn(aResponse().withStatus(200)
                .withBody("<html><script>alert(1)</script></html>")));
        assertThat(postWebhook(channel, SECRET, document).status()).isEqualTo(200);
        long docMessage = jdbc.queryForObject("select id from message where channel_id = ? and external_id = ?",
                Long.class, channel.channelId(), "4242:52");
        assertThat(jdbc.queryForObject("select refused from attachment where message_id = ?", String.class,
                docMessage)).contains("not accepted");
        long refused = jdbc.queryForObject("select id from attachment where message_id = ?", Long.class, docMessage);
        assertThat(download("/api/v1/attachments/" + refused, admin).statusCode()).isEqualTo(404);

        String comment = """
                {"update_id": 9002, "message": {"message_id": 77, "date": 1763900000,
                 "from": {"id": 555, "first_name": "Олег"},
                 "chat": {"id": -1001234, "type": "supergroup", "title": "Обсуждение канала", "username": "brandchat"},
                 "text": "Квазарфон опять не присылает код, третий день уже"}}""";
        api.post("/api/v1/admin/streams", adminToken(), Map.of("id", unique("tg"), "terms", List.of("Квазарфон")));
        assertThat(postWebhook(channel, SECRET, comment).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select source from mention where channel_id = ? and source_id = ?",
                String.class, channel.channelId(), "-1001234:77")).isEqualTo("telegram_channel_comment");
    }

    private java.net.http.HttpResponse<byte[]> download(String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void longPollingReadsUpdatesFromItsOffsetAndStoresThemBeforeMovingOn() {
        Created created = create("telegram", Map.of("botToken", TOKEN, "apiBaseUrl", standInUrl(),
                "polling", "true"));
        String contact = Long.toString(numeric(created.channelId()));
        standIn.stubFor(post(urlEqualTo("/bot" + TOKEN + "/getUpdates"))
                .withRequestBody(matchingJsonPath("$.offset", equalTo("0")))
                .willReturn(okJson("{\"ok\": true, \"result\": [" + update(700, contact, "1", "первое") + ","
                        + update(701, contact, "2", "второе") + "]}")));
        standIn.stubFor(post(urlEqualTo("/bot" + TOKEN + "/getUpdates"))
                .withRequestBody(matchingJsonPath("$.offset", equalTo("702")))
                .willReturn(okJson("{\"ok\": true, \"result\": []}")));
        var channel = channels.get(created.channelId());
        assertThat(pollers.pollOne(channel)).isEqualTo(2);
        assertThat(pollers.pollOne(channel)).isZero();
        assertThat(storedInbound(created.channelId(), contact)).isEqualTo(2);
    }

    @Test
    void aSendCutOffByACrashIsNotRepeatedButFailsSayingSoSinceTelegramWouldShowItTwice() throws Exception {
        Created channel = channel();
        acceptSends("3100");
        String contact = contactId("crash" + System.nanoTime());
        String agent = onlineAgentToken(channel.department());
        deliver(channel, "c1" + contact, contact, "Бот не отвечает на команды");
        long id = jdbc.queryForObject("""
                select c.id from conversation c join contact ct on ct.id = c.contact_id
                where c.channel_id = ? and ct.external_id = ?""", Long.class, channel.channelId(), contact);
        awaitAssigned(agent, id);
        long message = api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Проверяем"))
                .json().get("id").asLong();
        java.time.Instant until = java.time.Instant.now().plusSeconds(10);
        while (sendCalls(contact) == 0 && java.time.Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        Thread.sleep(300);
        jdbc.update("update outbound_delivery set status = 'sending', updated_at = ? where message_id = ?",
                java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofMinutes(10))), message);
        until = java.time.Instant.now().plusSeconds(10);
        String status = "sending";
        while (status.equals("sending") && java.time.Instant.now().isBefore(until)) {
            Thread.sleep(100);
            status = jdbc.queryForObject("select status from outbound_delivery where message_id = ?", String.class,
                    message);
        }
        assertThat(status).isEqualTo("failed");
        assertThat(jdbc.queryForObject("select last_error from outbound_delivery where message_id = ?", String.class,
                message)).contains("stopped while sending");
        assertThat(sendCalls(contact)).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsTelegramSays() {
        Created channel = channel();
        standIn.stubFor(post(urlEqualTo(SEND)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 17",
                         "parameters": {"retry_after": 17}}""")));
        var platform = connectors.platform(channels.get(channel.channelId()));
        DeliveryFailure failure = org.assertj.core.api.Assertions.catchThrowableOfType(DeliveryFailure.class,
                () -> telegram.send(platform, new Outgoing(1, "42", "привет", null, null)));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).hasSeconds(17);
        assertThat(telegram.type()).isEqualTo(ChannelType.TELEGRAM);
    }
}
