package org.otklik.server.connector.telegram;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import org.otklik.server.connector.WebhookAnswer;
import org.otklik.server.connector.WebhookCall;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram Bot API. In: updates by webhook (checked by the {@code X-Telegram-Bot-Api-Secret-Token} header) or by
 * long polling ({@code getUpdates}); private chats are messages, comments in a channel's discussion group and channel
 * posts are public posts for listening. Out: {@code sendMessage} (a public reply answers the comment in its group).
 * Text, photos and documents (described; files are not fetched yet). A 429 waits as long as Telegram says.
 */
@Component
public class TelegramAdapter implements ChannelAdapter {

    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformHttp http;

    TelegramAdapter(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.TELEGRAM;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public WebhookAnswer receive(PlatformChannel channel, WebhookCall call) {
        String given = call.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                channel.setting("webhookSecret").getBytes(StandardCharsets.UTF_8))) {
            return WebhookAnswer.refused("the secret token header is missing or wrong");
        }
        JsonNode update;
        try {
            update = JSON.readTree(call.body());
        } catch (JacksonException e) {
            return new WebhookAnswer(400, "not JSON", List.of());
        }
        return WebhookAnswer.ok("", read(update));
    }

    @Override
    public byte[] download(PlatformChannel channel, Incoming.Attachment attachment, long maxBytes) {
        JsonNode file = answer(http.postJson(method(channel, "getFile"),
                JSON.writeValueAsString(Map.of("file_id", attachment.platformFileId())))).get("result");
        if (file.path("file_size").asLong(0) > maxBytes) {
            return new byte[(int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8)];
        }
        String path = file.path("file_path").asString("");
        if (path.isEmpty() || path.contains("..")) {
            throw DeliveryFailure.permanent("Telegram gave no file path");
        }
        return http.download(channel.setting("apiBaseUrl").replaceAll("/+$", "") + "/file/bot"
                + channel.setting("botToken") + "/" + path, maxBytes);
    }

    @Override
    public void registerWebhook(PlatformChannel channel, String url) {
        answer(http.postJson(method(channel, "setWebhook"), JSON.writeValueAsString(Map.of("url", url,
                "secret_token", channel.setting("webhookSecret"),
                "allowed_updates", List.of("message", "channel_post")))));
    }

    @Override
    public Batch poll(PlatformChannel channel, String position) {
        long offset = position == null ? 0L : Long.parseLong(position);
        PlatformHttp.Response r = http.postJson(method(channel, "getUpdates"),
                "{\"offset\": " + offset + ", \"timeout\": 0, \"allowed_updates\": [\"message\", \"channel_post\"]}");
        JsonNode answer = answer(r);
        List<Incoming> out = new ArrayList<>();
        long next = offset;
        for (JsonNode update : answer.get("result")) {
            out.addAll(read(update));
            next = Math.max(next, update.get("update_id").asLong() + 1);
        }
        return new Batch(out, Long.toString(next));
    }

    /** One update: a private message, a group comment or a channel post; anything else brings nothing. */
    static List<Incoming> read(JsonNode update) {
        JsonNode message = update.has("message") ? update.get("message")
                : update.has("channel_post") ? update.get("channel_post") : null;
        if (message == null || !message.has("chat")) {
            return List.of();
        }
        JsonNode chat = message.get("chat");
        String chatType = chat.path("type").asString("");
        String chatId = chat.get("id").asString();
        String messageId = message.get("message_id").asString();
        String text = message.has("text") ? message.get("text").asString()
                : message.path("caption").asString("");
        JsonNode from = message.path("from");
        String name = (from.path("first_name").asString("") + " " + from.path("last_name").asString("")).strip();
        if (chatType.equals("private")) {
            return List.of(new Incoming.PrivateMessage(chatId + ":" + messageId, chatId,
                    name.isEmpty() ? from.path("username").asString(null) : name, text, "telegram",
                    attachments(message), null));
        }
        if (text.isBlank()) {
            return List.of();
        }
        String author = from.has("id") ? from.get("id").asString() : null;
        String username = chat.path("username").asString(null);
        String url = username == null ? null : "https://t.me/" + username + "/" + messageId;
        return List.of(new Incoming.PublicPost(chatId + ":" + messageId, "telegram_channel_comment", text, author,
                name.isEmpty() ? chat.path("title").asString(null) : name, url,
                Instant.ofEpochSecond(message.path("date").asLong(0))));
    }

    private static List<Incoming.Attachment> attachments(JsonNode message) {
        List<Incoming.Attachment> out = new ArrayList<>();
        if (message.has("photo") && !message.get("photo").isEmpty()) {
            JsonNode largest = message.get("photo").get(message.get("photo").size() - 1);
            out.add(new Incoming.Attachment("photo.jpg", "image/jpeg", largest.path("file_size").asLong(0),
                    largest.path("file_id").asString()));
        }
        if (message.has("document")) {
            JsonNode d = message.get("document");
            out.add(new Incoming.Attachment(d.path("file_name").asString("document"),
                    d.path("mime_type").asString("application/octet-stream"), d.path("file_size").asLong(0),
                    d.path("file_id").asString()));
        }
        return out;
    }

    /** Telegram allows a bot about 30 messages a second: keep sends of one bot at least this far apart. */
    private static final long MIN_GAP_NANOS = 40_000_000L;
    private final java.util.concurrent.ConcurrentHashMap<String, Long> lastSend = new java.util.concurrent.ConcurrentHashMap<>();

    private void pace(String channelId) {
        long now = System.nanoTime();
        long previous = lastSend.getOrDefault(channelId, now - MIN_GAP_NANOS);
        long wait = previous + MIN_GAP_NANOS - now;
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        lastSend.put(channelId, System.nanoTime());
    }

    @Override
    public Sent send(PlatformChannel channel, Outgoing message) {
        pace(channel.id());
        Map<String, Object> body = new LinkedHashMap<>();
        if (message.isPublicReply()) {
            String[] target = message.publicReplyTo().split(":", 2);
            if (target.length != 2) {
                throw DeliveryFailure.permanent("not a Telegram comment: " + message.publicReplyTo());
            }
            body.put("chat_id", target[0]);
            body.put("reply_parameters", Map.of("message_id", Long.parseLong(target[1])));
        } else {
            body.put("chat_id", message.recipient());
        }
        body.put("text", message.text());
        JsonNode answer = answer(http.postJson(method(channel, "sendMessage"), JSON.writeValueAsString(body)));
        return new Sent(answer.get("result").get("message_id").asString());
    }

    private static String method(PlatformChannel channel, String name) {
        return channel.setting("apiBaseUrl").replaceAll("/+$", "") + "/bot" + channel.setting("botToken") + "/"
                + name;
    }

    /** The Bot API's envelope: {"ok": true, "result": ...} or {"ok": false, "error_code", "description"}. */
    private static JsonNode answer(PlatformHttp.Response r) {
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (JacksonException e) {
            throw DeliveryFailure.retryable("Telegram answered " + r.status() + " without JSON");
        }
        if (json.path("ok").asBoolean(false)) {
            return json;
        }
        int code = json.path("error_code").asInt(r.status());
        String description = "Telegram: " + code + " " + json.path("description").asString("");
        if (code == 429) {
            long wait = json.path("parameters").path("retry_after").asLong(5);
            throw new DeliveryFailure(description, true, Duration.ofSeconds(wait));
        }
        if (code >= 500) {
            throw DeliveryFailure.retryable(description);
        }
        throw DeliveryFailure.permanent(description); // 400 bad request, 401 token, 403 blocked by the user
    }
}
