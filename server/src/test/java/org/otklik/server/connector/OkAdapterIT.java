package org.otklik.server.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.connector.ok.OkAdapter;
import org.otklik.server.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OK Bot API against a stand-in speaking its documented format (https://apiok.ru/dev/graph_api/bot_api):
 * {@code MESSAGE_CREATED} webhooks with sender, recipient.chat_id and mid; {@code POST /graph/me/messages/{chat_id}}
 * answering {@code {"success": true, "message_id"}} or {@code {"error_code", "error_msg"}}.
 */
class OkAdapterIT extends PlatformChannelIT implements ChannelAdapterContract {

    private static final String SEND = "/graph/me/messages/.*";

    @Autowired
    OkAdapter ok;

    private final Map<String, String> secrets = new java.util.HashMap<>();

    @Override
    public Created channel() {
        String department = newDepartment();
        Api.Response r = api.post("/api/v1/admin/channels", adminToken(), Map.of("type", "ok", "name", "OK group",
                "defaultDepartment", department, "departmentFromTriage", false, "accessToken", "tkn1.ok-bot-token",
                "apiBaseUrl", standInUrl()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String webhook = r.json().get("webhookUrl").asString();
        assertThat(webhook).contains("/webhooks/ok/").contains("?secret=");
        String id = r.json().get("id").asString();
        secrets.put(id, webhook.substring(webhook.indexOf("?secret=") + 8));
        // the secret is shown once: listing the channels masks it
        String listed = api.get("/api/v1/admin/channels", adminToken()).body();
        assertThat(listed).doesNotContain(secrets.get(id)).doesNotContain("tkn1.ok-bot-token");
        return new Created(id, department);
    }

    @Override
    public ChannelAdapter adapter() {
        return ok;
    }

    @Override
    public String contactId(String seed) {
        return "chat:C" + Integer.toHexString(seed.hashCode()).toUpperCase();
    }

    private static String created(String contact, String mid, String text) {
        return """
                {"sender": {"name": "Тамара Ивановна", "user_id": "user:574593165043"},
                 "recipient": {"chat_id": "%s"}, "message": {"text": "%s"}, "timestamp": 1763900000123,
                 "mid": "%s", "webhookType": "MESSAGE_CREATED"}""".formatted(contact, text, mid);
    }

    @Override
    public void deliver(Created channel, String eventId, String contact, String text) {
        Api.Response r = api.postRaw("/webhooks/ok/" + channel.channelId() + "?secret=" + secrets.get(
                channel.channelId()), null, created(contact, "mid." + eventId, text));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Override
    public int deliverForged(Created channel, String contact, String text) {
        return api.postRaw("/webhooks/ok/" + channel.channelId(), null, created(contact, "mid.forged", text))
                .status();
    }

    @Override
    public void acceptSends(String platformId) {
        standIn.stubFor(post(urlPathMatching(SEND))
                .willReturn(okJson("{\"success\": true, \"message_id\": \"mid.000000" + platformId + "\"}")));
    }

    @Override
    public void failSends(int times, String platformId) {
        for (int i = 0; i < times; i++) {
            standIn.stubFor(post(urlPathMatching(SEND)).inScenario("down")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willReturn(aResponse().withStatus(503))
                    .willSetStateTo("failed-" + (i + 1)));
        }
        standIn.stubFor(post(urlPathMatching(SEND)).inScenario("down").whenScenarioStateIs("failed-" + times)
                .willReturn(okJson("{\"success\": true, \"message_id\": \"mid.000000" + platformId + "\"}")));
    }

    @Override
    public int sendCalls(String contact) {
        return (int) standIn.findAll(postRequestedFor(urlPathMatching(SEND))).stream()
                .filter(r -> r.getBodyAsString().contains("\"" + contact + "\"")).count();
    }

    @Test
    void aSendCarriesTheChatAndTheTextAsTheBotApiExpects() {
        Created channel = channel();
        acceptSends("42");
        var platform = connectors.platform(channels.get(channel.channelId()));
        ChannelAdapter.Sent sent = ok.send(platform, new Outgoing(9, "chat:C3EE", "Добрый день!", null, null));
        assertThat(sent.platformMessageId()).isEqualTo("mid.00000042");
        standIn.verify(postRequestedFor(urlPathMatching("/graph/me/messages/chat%3AC3EE"))
                .withQueryParam("access_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "tkn1.ok-bot-token"))
                .withRequestBody(equalToJson("{\"recipient\": {\"chat_id\": \"chat:C3EE\"},"
                        + " \"message\": {\"text\": \"Добрый день!\"}}")));
    }
}
