package org.otklik.server.connector.vk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * VK community: the Callback API in ({@code confirmation} answered with the configured string; every other event
 * checked for {@code secret} and {@code group_id} and answered {@code ok}; {@code message_new} is a private message,
 * {@code wall_reply_new} and {@code wall_post_new} are public posts for listening; VK's retries of an event carry the
 * same ids and store nothing new). Out: {@code messages.send} with a {@code random_id} made from the outbox row, so VK
 * itself drops a repeated send, and {@code wall.createComment} for public replies.
 */
@Component
public class VkAdapter implements ChannelAdapter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A wall comment's source id: wall{owner}_{post}_{comment}. */
    private static final Pattern WALL = Pattern.compile("wall(-?[0-9]+)_([0-9]+)(?:_([0-9]+))?");
    /** VK's "try later" errors: too many requests, flood control, internal error. */
    private static final Set<Integer> RETRYABLE = Set.of(1, 6, 9, 10);

    private final PlatformHttp http;

    VkAdapter(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.VK;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEBHOOK, Capability.PRIVATE_MESSAGES, Capability.PUBLIC_REPLIES);
    }

    @Override
    public boolean dropsDuplicates() {
        return true;
    }

    @Override
    public WebhookAnswer receive(PlatformChannel channel, WebhookCall call) {
        JsonNode event;
        try {
            event = JSON.readTree(call.body());
        } catch (JacksonException e) {
            return new WebhookAnswer(400, "not JSON", List.of());
        }
        if (event == null || !event.isObject()) {
            return new WebhookAnswer(400, "not an event", List.of());
        }
        if (!channel.setting("groupId").equals(event.path("group_id").asString(""))) {
            return WebhookAnswer.refused("group_id does not match the channel");
        }
        String type = event.path("type").asString("");
        if (type.equals("confirmation")) {
            return WebhookAnswer.ok(channel.setting("confirmation"), List.of());
        }
        String secret = event.path("secret").asString("");
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                channel.setting("secret").getBytes(StandardCharsets.UTF_8))) {
            return WebhookAnswer.refused("secret is missing or wrong");
        }
        JsonNode object = event.path("object");
        return WebhookAnswer.ok("ok", switch (type) {
            case "message_new" -> message(object.has("message") ? object.get("message") : object);
            case "wall_reply_new" -> comment(object);
            case "wall_post_new" -> post(object);
            default -> List.of();
        });
    }

    private static List<Incoming> message(JsonNode m) {
        String from = m.path("from_id").asString("");
        String peer = m.path("peer_id").asString(from);
        if (peer.isEmpty() || !m.has("id")) {
            return List.of();
        }
        // a message in a group chat (peer 2000000000+) is not a private message to the community
        if (peer.length() >= 10 && peer.startsWith("2000000")) {
            return List.of();
        }
        return List.of(new Incoming.PrivateMessage("msg" + m.get("id").asString(), peer, null,
                m.path("text").asString(""), "vk_message", attachments(m), null));
    }

    private static List<Incoming.Attachment> attachments(JsonNode m) {
        List<Incoming.Attachment> out = new ArrayList<>();
        for (JsonNode a : m.path("attachments")) {
            String kind = a.path("type").asString("file");
            JsonNode body = a.path(kind);
            String name = kind.equals("doc") ? body.path("title").asString("document") : kind;
            String type = switch (kind) {
                case "photo" -> "image/jpeg";
                case "doc" -> "application/octet-stream";
                default -> kind;
            };
            out.add(new Incoming.Attachment(name, type, body.path("size").asLong(0), fileUrl(kind, body)));
        }
        return out;
    }

    /** A doc's url, or a photo's largest size's url. */
    private static String fileUrl(String kind, JsonNode body) {
        if (body.has("url")) {
            return body.get("url").asString();
        }
        String best = null;
        long bestArea = -1;
        for (JsonNode size : body.path("sizes")) {
            long area = size.path("width").asLong(0) * size.path("height").asLong(0);
            if (area > bestArea && size.has("url")) {
                best = size.get("url").asString();
                bestArea = area;
            }
        }
        return best;
    }

    @Override
    public byte[] download(PlatformChannel channel, Incoming.Attachment attachment, long maxBytes) {
        String url = attachment.platformFileId();
        if (url == null || !(url.startsWith("https://") || url.startsWith(channel.setting("apiBaseUrl")))) {
            throw DeliveryFailure.permanent("VK gave no file link");
        }
        return http.download(url, maxBytes);
    }

    private static List<Incoming> comment(JsonNode c) {
        if (!c.has("id") || !c.has("post_id")) {
            return List.of();
        }
        String owner = c.path("post_owner_id").asString(c.path("owner_id").asString(""));
        String sourceId = "wall" + owner + "_" + c.get("post_id").asString() + "_" + c.get("id").asString();
        String url = "https://vk.com/wall" + owner + "_" + c.get("post_id").asString() + "?reply="
                + c.get("id").asString();
        return List.of(new Incoming.PublicPost(sourceId, "vk_comment", c.path("text").asString(""),
                c.path("from_id").asString(null), null, url, Instant.ofEpochSecond(c.path("date").asLong(0))));
    }

    private static List<Incoming> post(JsonNode p) {
        if (!p.has("id")) {
            return List.of();
        }
        String sourceId = "wall" + p.path("owner_id").asString("") + "_" + p.get("id").asString();
        return List.of(new Incoming.PublicPost(sourceId, "vk_post", p.path("text").asString(""),
                p.path("from_id").asString(null), null, "https://vk.com/" + sourceId,
                Instant.ofEpochSecond(p.path("date").asLong(0))));
    }

    @Override
    public Sent send(PlatformChannel channel, Outgoing message) {
        Map<String, String> form = new LinkedHashMap<>();
        String method;
        if (message.isPublicReply()) {
            Matcher wall = WALL.matcher(message.publicReplyTo());
            if (!wall.matches()) {
                throw DeliveryFailure.permanent("not a VK wall post or comment: " + message.publicReplyTo());
            }
            method = "wall.createComment";
            form.put("owner_id", wall.group(1));
            form.put("post_id", wall.group(2));
            if (wall.group(3) != null) {
                form.put("reply_to_comment", wall.group(3));
            }
            form.put("from_group", channel.setting("groupId"));
            form.put("guid", "otklik-" + message.deliveryId());
        } else {
            method = "messages.send";
            form.put("peer_id", message.recipient());
            form.put("random_id", Long.toString(message.deliveryId()));
        }
        form.put("message", message.text());
        form.put("access_token", channel.setting("accessToken"));
        form.put("v", channel.setting("apiVersion"));
        PlatformHttp.Response r = http.postForm(channel.setting("apiBaseUrl").replaceAll("/+$", "") + "/method/"
                + method, form);
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (JacksonException e) {
            throw DeliveryFailure.retryable("VK answered " + r.status() + " without JSON");
        }
        if (r.status() >= 500) {
            throw DeliveryFailure.retryable("VK answered " + r.status());
        }
        if (json.has("error")) {
            int code = json.get("error").path("error_code").asInt(0);
            String why = "VK error " + code + ": " + json.get("error").path("error_msg").asString("");
            throw RETRYABLE.contains(code) ? DeliveryFailure.retryable(why) : DeliveryFailure.permanent(why);
        }
        JsonNode response = json.path("response");
        String id = response.isObject() ? response.path("comment_id").asString(response.path("message_id").asString(""))
                : response.asString("");
        if (id.isEmpty()) {
            throw DeliveryFailure.retryable("VK answered without a message id");
        }
        return new Sent(id);
    }
}
