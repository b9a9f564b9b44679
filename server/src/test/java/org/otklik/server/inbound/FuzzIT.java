package org.otklik.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At least 1,000 malformed or hostile payloads to each public endpoint: every answer is a clear 4xx, nothing is stored
 * from them, and the server keeps serving.
 */
class FuzzIT extends PostgresIT {

    static final int PER_ENDPOINT = 1000;

    @Autowired
    JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Endpoint(String name, String path, Map<String, String> headers) {
    }

    private int rows() {
        return jdbc.queryForObject("select (select count(*) from message) + (select count(*) from mention)"
                + " + (select count(*) from contact) + (select count(*) from conversation)", Integer.class);
    }

    /** A payload that must be refused: a valid-looking template broken in one of many ways. */
    static String hostile(SplittableRandom r, Function<SplittableRandom, Map<String, Object>> template) {
        Map<String, Object> body = new HashMap<>(template.apply(r));
        List<String> keys = new ArrayList<>(body.keySet());
        String key = keys.get(r.nextInt(keys.size()));
        String filler = filler(r);
        return switch (r.nextInt(14)) {
            case 0 -> "";
            case 1 -> filler;                                                   // not JSON
            case 2 -> json(body).substring(0, Math.max(1, json(body).length() / 2)); // truncated
            case 3 -> "[" + json(body) + "]";                                   // an array, not an object
            case 4 -> "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}";  // deep nesting
            case 5 -> { body.remove(key); yield json(body); }                   // a required field missing
            case 6 -> { body.put(key, null); yield json(body); }
            case 7 -> { body.put(key, r.nextInt()); yield json(body); }          // wrong type
            case 8 -> { body.put(key, List.of(filler, filler)); yield json(body); }
            case 9 -> { body.put(key, Map.of("$where", filler)); yield json(body); }
            case 10 -> { body.put(key, "x".repeat(20_001 + r.nextInt(5000))); yield json(body); } // too long
            case 11 -> { body.put(key, "   "); yield json(body); }               // blank
            case 12 -> "\u0000\u0001" + filler + "\uFFFF";
            default -> "null";
        };
    }

    static String filler(SplittableRandom r) {
        String[] bits = {"<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://x/a}", "../../etc/passwd",
                "\u202Eabc", "😀", "%00", "{{7*7}}", "\\u0000", "привет"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
            b.append(bits[r.nextInt(bits.length)]);
        }
        return b.toString();
    }

    static String json(Object value) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
    }

    private int post(Endpoint e, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + e.path()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        e.headers().forEach((name, value) -> b.header(name, name.equals("X-Visitor-Token")
                ? value + Long.toHexString(System.nanoTime()) : value)); // a visitor each: no visitor's rate limit
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One hostile upload to the web chat's photo endpoint; a forged visitor token has no conversation to add to. */
    private int postPhoto(String widgetKey, String visitorToken, SplittableRandom r) throws Exception {
        String boundary = "fz" + r.nextInt(1_000_000);
        byte[] junk = filler(r).getBytes(StandardCharsets.UTF_8);
        String file = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filler(r).replace("\"", "") + ".png\"\r\nContent-Type: image/png\r\n\r\n"
                + new String(junk, StandardCharsets.UTF_8) + "\r\n";
        String id = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"clientMessageId\"\r\n\r\nfz"
                + r.nextLong() + "\r\n";
        String end = "--" + boundary + "--\r\n";
        String body = switch (r.nextInt(6)) {
            case 0 -> id + file + end;                       // not an image (a text named .png)
            case 1 -> file + end;                            // no client message id
            case 2 -> id + end;                              // no file
            case 3 -> (id + file + end).substring(0, (id + file).length() / 2); // truncated
            case 4 -> filler(r);                             // not multipart at all
            default -> id + file.replace("form-data", "attachment") + end; // a broken part header
        };
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/api/"
                        + widgetKey + "/photos")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Visitor-Token", visitorToken)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void everyHostilePayloadGetsAClear4xxAndNothingIsStored() throws Exception {
        String dept = newDepartment();
        TestChannel api1 = newApiChannel(dept);
        var widget = channels.create(null, org.otklik.server.channel.ChannelType.WIDGET, "Fuzz widget", dept);
        String widgetKey = widget.channel().widgetKey();
        Api.Response visitor = api.post("/widget/api/" + widgetKey + "/visitors", null, Map.of());
        String visitorToken = visitor.json().get("visitorToken").asString();
        Api.Response vk = api.post("/api/v1/admin/channels", tokenOf(newAdmin()), Map.of("type", "vk", "name", "VK fuzz",
                "groupId", "1", "accessToken", "t", "secret", "s3cret", "confirmation", "abc"));
        String vkId = vk.json().get("id").asString();
        Api.Response tg = api.post("/api/v1/admin/channels", tokenOf(newAdmin()), Map.of("type", "telegram",
                "name", "TG fuzz", "botToken", "123:ABCDEFGHIJKLMNOPQRSTUVWXYZ", "webhookSecret", "tgsecret"));
        String tgId = tg.json().get("id").asString();

        Function<SplittableRandom, Map<String, Object>> inbound = r -> Map.of("externalId", "fz" + r.nextLong(),
                "contact", Map.of("externalId", "c" + r.nextLong(), "name", filler(r)), "text", filler(r));
        // required fields only: a missing or null optional field is no mistake
        Function<SplittableRandom, Map<String, Object>> mention = r -> Map.of("sourceId", "fz" + r.nextLong(),
                "text", filler(r));
        Function<SplittableRandom, Map<String, Object>> widgetMessage = r -> Map.of("clientMessageId",
                "fz" + r.nextLong(), "text", filler(r));
        Function<SplittableRandom, Map<String, Object>> login = r -> Map.of("login", filler(r), "password",
                filler(r));
        // webhook calls that are not from the platform: no or a wrong secret
        Function<SplittableRandom, Map<String, Object>> vkEvent = r -> Map.of("type", "message_new", "group_id", 1,
                "secret", "guess" + r.nextInt(), "object", Map.of("message", Map.of("id", r.nextInt(), "from_id", 5,
                        "peer_id", 5, "text", filler(r))));
        Function<SplittableRandom, Map<String, Object>> tgUpdate = r -> Map.of("update_id", r.nextInt(), "message",
                Map.of("message_id", r.nextInt(), "chat", Map.of("id", 5, "type", "private"), "text", filler(r)));

        record Case(Endpoint endpoint, Function<SplittableRandom, Map<String, Object>> template, boolean raw) {
        }
        List<Case> cases = List.of(
                new Case(new Endpoint("inbound", "/api/v1/inbound", Map.of("Authorization", "Bearer " + api1.token())),
                        inbound, false),
                new Case(new Endpoint("mentions", "/api/v1/mentions", Map.of("Authorization", "Bearer " + api1.token())),
                        mention, false),
                new Case(new Endpoint("widget", "/widget/api/" + widgetKey + "/messages",
                        Map.of("X-Visitor-Token", visitorToken)), widgetMessage, false),
                new Case(new Endpoint("login", "/api/v1/auth/token", Map.of()), login, false),
                new Case(new Endpoint("vk webhook", "/webhooks/vk/" + vkId, Map.of()), vkEvent, true),
                new Case(new Endpoint("telegram webhook", "/webhooks/telegram/" + tgId,
                        Map.of("X-Telegram-Bot-Api-Secret-Token", "wrong")), tgUpdate, true));

        int before = rows();
        SplittableRandom random = new SplittableRandom(2026);
        Map<String, List<String>> unclear = new HashMap<>();
        for (Case c : cases) {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                // webhooks: even a well-formed body is forged (wrong secret) half of the time
                String body = c.raw() && i % 2 == 0 ? json(c.template().apply(random)) : hostile(random, c.template());
                int status;
                try {
                    status = post(c.endpoint(), body);
                } catch (java.net.http.HttpTimeoutException timeout) {
                    status = 0;
                }
                if (status < 400 || status >= 500) {
                    unclear.computeIfAbsent(c.endpoint().name(), k -> new ArrayList<>())
                            .add(status + " " + body.substring(0, Math.min(120, body.length())));
                }
            }
        }
        // the web chat's photo upload (multipart): not an image, parts missing or broken, a forged visitor
        for (int i = 0; i < PER_ENDPOINT; i++) {
            int status = postPhoto(widgetKey, i % 9 == 0 ? "otk_vi_forged" + i : visitorToken + i, random);
            if (status < 400 || status >= 500) {
                unclear.computeIfAbsent("widget photo", k -> new ArrayList<>()).add(String.valueOf(status));
            }
        }
        assertThat(unclear).as("answers that were not a clear 4xx").isEmpty();
        assertThat(rows()).as("rows stored from hostile payloads").isEqualTo(before);
        assertThat(api.get("/actuator/health", null).body()).contains("UP");
        assertThat(send(api1, unique("m"), unique("c"), "После всего этого сервер отвечает?").status()).isEqualTo(202);
    }
}
