package org.otklik.server.connector.ok;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.connector.Capability;
import org.otklik.server.connector.ChannelAdapter;
import org.otklik.server.connector.DeliveryFailure;
import org.otklik.server.connector.Incoming;
import org.otklik.server.connector.Outgoing;
import org.otklik.server.connector.PlatformChannel;
import org.otklik.server.connector.PlatformHttp;
import org.otklik.server.connector.UnsupportedCapability;
import org.otklik.server.connector.WebhookAnswer;
import org.otklik.server.connector.WebhookCall;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OK Bot API for a group's messages. In: the webhook OK calls for {@code MESSAGE_CREATED} (OK signs nothing, so the
 * subscription URL carries the channel's generated secret, checked on every call). Out:
 * {@code POST /graph/me/messages/{chat_id}}. The Bot API offers no group comments, so OK public replies are
 * unsupported (group comments reach listening through the mentions API instead).
 */
@Component
public class OkAdapter implements ChannelAdapter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformHttp http;

    OkAdapter(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.OK;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEBHOOK, Capability.PRIVATE_MESSAGES);
    }

    @Override
    public WebhookAnswer receive(PlatformChannel channel, WebhookCall call) {
        String given = call.query().get("secret");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                channel.setting("webhookSecret").getBytes(StandardCharsets.UTF_8))) {
            return WebhookAnswer.refused("the webhook URL's secret is missing or wrong");
        }
        JsonNode event;
        try {
            event = JSON.readTree(call.body());
        } catch (JacksonException e) {
            return new WebhookAnswer(400, "not JSON", List.of());
        }
        if (event == null || !"MESSAGE_CREATED".equals(event.path("webhookType").asString(""))) {
            return WebhookAnswer.ok("", List.of());
        }
        String chat = event.path("recipient").path("chat_id").asString("");
        String mid = event.path("mid").asString(event.path("message").path("mid").asString(""));
        if (chat.isEmpty() || mid.isEmpty()) {
            return new WebhookAnswer(400, "recipient.chat_id and mid are required", List.of());
        }
        JsonNode message = event.path("message");
        List<Incoming.Attachment> attachments = new ArrayList<>();
        for (JsonNode a : message.path("attachments")) {
            attachments.add(new Incoming.Attachment(a.path("type").asString("file"), a.path("type").asString(""), 0,
                    a.path("payload").path("id").asString(null)));
        }
        return WebhookAnswer.ok("", List.of(new Incoming.PrivateMessage(mid, chat,
                event.path("sender").path("name").asString(null), message.path("text").asString(""), "ok_message",
                attachments, null)));
    }

    @Override
    public void registerWebhook(PlatformChannel channel, String url) {
        PlatformHttp.Response r = http.postJson(channel.setting("apiBaseUrl").replaceAll("/+$", "")
                + "/graph/me/subscribe?access_token=" + PlatformHttp.enc(channel.setting("accessToken")),
                JSON.writeValueAsString(Map.of("url", url)));
        if (r.status() != 200 || r.body().contains("error_code")) {
            throw DeliveryFailure.permanent("OK refused the subscription (" + r.status() + ")");
        }
    }

    @Override
    public Sent send(PlatformChannel channel, Outgoing message) {
        if (message.isPublicReply()) {
            throw new UnsupportedCapability("ok", Capability.PUBLIC_REPLIES);
        }
        String url = channel.setting("apiBaseUrl").replaceAll("/+$", "") + "/graph/me/messages/"
                + PlatformHttp.enc(message.recipient()) + "?access_token="
                + PlatformHttp.enc(channel.setting("accessToken"));
        String body = JSON.writeValueAsString(Map.of("recipient", Map.of("chat_id", message.recipient()),
                "message", Map.of("text", message.text())));
        PlatformHttp.Response r = http.postJson(url, body);
        if (r.status() >= 500 || r.status() == 429) {
            throw DeliveryFailure.retryable("OK answered " + r.status());
        }
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (JacksonException e) {
            throw DeliveryFailure.retryable("OK answered " + r.status() + " without JSON");
        }
        if (json.has("error_code")) {
            String why = "OK error " + json.path("error_code").asInt() + ": " + json.path("error_msg").asString("");
            // 1 unknown, 2 service unavailable, 10 too many requests: try later; the rest (token, permissions) are final
            int code = json.path("error_code").asInt();
            throw code == 1 || code == 2 || code == 10 ? DeliveryFailure.retryable(why) : DeliveryFailure.permanent(why);
        }
        String id = json.path("message_id").asString("");
        if (id.isEmpty()) {
            throw DeliveryFailure.retryable("OK answered without a message id");
        }
        return new Sent(id);
    }
}
