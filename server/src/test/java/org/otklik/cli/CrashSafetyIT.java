package org.otklik.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.otklik.server.support.Api;
import org.otklik.server.support.TestDatabase;

/**
 * Crash safety, the way it happens: the real server process on PostgreSQL takes a burst of messages from many
 * concurrent senders while replies wait in the outbox for a slow platform (a VK stand-in answering in 400 ms), and is
 * killed with SIGKILL in the middle. A new process starts on the same database, every message is sent again (the
 * unacknowledged ones and the acknowledged ones alike, as platforms do), and the database must show: every message
 * stored exactly once, every conversation in a valid state with one open conversation per contact at most, every
 * assignment in place once and within the agent's cap, and every reply that was waiting delivered (VK gets each reply's
 * random_id; repeats of one random_id are dropped by VK, so the user sees each reply once).
 */
class CrashSafetyIT {

    private static final int MESSAGES = 1_500;
    private static final int CONTACTS = 300;
    private static final int REPLIES = 30;
    private static final Pattern RANDOM_ID = Pattern.compile("random_id=(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final WireMockServer vk = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        vk.stop();
    }

    @Test
    void aServerKilledMidBurstLosesNothingAndDoublesNothing(@TempDir Path logs) throws Exception {
        vk.start();
        vk.stubFor(post(urlEqualTo("/method/messages.send")).willReturn(okJson("{\"response\": 777}")
                .withFixedDelay(400)));
        String db = TestDatabase.fresh("crash");
        int port = ServerProcess.freePort();
        server = start(db, port, logs.resolve("first.log"));
        Api api = new Api(port);
        String admin = api.login("admin", "crash-admin-password");
        String channelToken = api.post("/api/v1/admin/channels", admin, Map.of("type", "api", "name", "Burst"))
                .json().get("token").asString();
        Api.Response vkChannel = api.post("/api/v1/admin/channels", admin, Map.of("type", "vk", "name", "VK",
                "groupId", "218000111", "accessToken", "vk1.a.token", "secret", "vkSecret42",
                "confirmation", "a1b2c3d4", "apiBaseUrl", "http://127.0.0.1:" + vk.port()));
        assertThat(vkChannel.status()).as(vkChannel.body()).isEqualTo(201);
        String vkChannelId = vkChannel.json().get("id").asString();
        Api.Response agent = api.post("/api/v1/admin/agents", admin, Map.of("login", "night", "displayName", "Night",
                "password", "night-agent-password", "skills", List.of("access", "other", "payments", "violations"),
                "maxChats", 50));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        long agentId = agent.json().get("id").asLong();
        String agentToken = api.login("night", "night-agent-password");
        assertThat(api.put("/api/v1/agents/me/status", agentToken, Map.of("status", "online")).status())
                .isEqualTo(200);

        // replies waiting in the outbox: VK users write, the agent answers each; VK takes 400 ms per send
        for (int i = 0; i < REPLIES; i++) {
            long user = 5_000_000L + i;
            Api.Response delivered = api.postRaw("/webhooks/vk/" + vkChannelId, null, """
                    {"group_id": 218000111, "type": "message_new", "event_id": "ev%d", "v": "5.199",
                     "secret": "vkSecret42", "object": {"message": {"date": 1763900000, "from_id": %d, "id": %d,
                     "out": 0, "peer_id": %d, "text": "Не могу войти в аккаунт"}}}""".formatted(i, user, 900 + i, user));
            assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        }
        List<Long> vkConversations = new ArrayList<>();
        for (var c : api.get("/api/v1/conversations?limit=100", agentToken).json()) {
            if (c.get("channel").asString().equals(vkChannelId)) {
                vkConversations.add(c.get("id").asLong());
            }
        }
        assertThat(vkConversations).hasSize(REPLIES);
        for (long id : vkConversations) {
            Api.Response reply = api.post("/api/v1/conversations/" + id + "/replies", agentToken,
                    Map.of("text", "Здравствуйте! Подскажите, пожалуйста, логин."));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }

        // the burst: 16 senders; the server is killed once a third of it is acknowledged
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        for (int s = 0; s < 16; s++) {
            senders.execute(() -> {
                for (int n = next.getAndIncrement(); n < MESSAGES; n = next.getAndIncrement()) {
                    if (send(port, channelToken, n) == 202) {
                        acknowledged.add(n);
                    }
                }
            });
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (acknowledged.size() < MESSAGES / 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        int pendingReplies = count(db, "select count(*) from outbound_delivery where status <> 'sent'");
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful anything
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        senders.shutdown();
        assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        int acknowledgedBeforeKill = acknowledged.size();
        assertThat(acknowledgedBeforeKill).as("acknowledged before the kill").isBetween(MESSAGES / 3, MESSAGES - 1);
        assertThat(pendingReplies).as("replies still waiting in the outbox at the kill").isPositive();

        // a new process on the same database; everything is sent again, acknowledged or not
        server = start(db, port, logs.resolve("second.log"));
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService again = Executors.newFixedThreadPool(16);
        for (int n = 0; n < MESSAGES; n++) {
            int message = n;
            again.execute(() -> statuses.put(message, send(port, channelToken, message)));
        }
        again.shutdown();
        assertThat(again.awaitTermination(180, TimeUnit.SECONDS)).isTrue();
        assertThat(new HashSet<>(statuses.values())).as("answers to the re-sent burst").containsOnly(202);

        // every reply that waited is delivered after the restart
        deadline = Instant.now().plusSeconds(90);
        while (count(db, "select count(*) from outbound_delivery where status not in ('sent', 'failed')") > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        try (Connection c = DriverManager.getConnection(db, TestDatabase.user(), TestDatabase.password())) {
            String burst = one(c, "select id from channel where name = 'Burst'");
            // exactly once
            assertThat(count(c, "select count(*) from message where channel_id = '" + burst + "' and direction = 'IN'"))
                    .isEqualTo(MESSAGES);
            assertThat(count(c, "select count(distinct external_id) from message where channel_id = '" + burst
                    + "' and direction = 'IN'")).isEqualTo(MESSAGES);
            assertThat(count(c, "select count(*) from message_triage t join message m on m.id = t.message_id"
                    + " where m.channel_id = '" + burst + "'")).as("every message triaged once").isEqualTo(MESSAGES);
            // valid conversations: one open conversation per contact; states consistent with their fields
            assertThat(count(c, "select count(*) from (select contact_id from conversation where status <> 'CLOSED'"
                    + " group by contact_id having count(*) > 1) x")).isZero();
            assertThat(count(c, "select count(*) from contact where channel_id = '" + burst + "'"))
                    .isEqualTo(CONTACTS);
            assertThat(count(c, "select count(*) from conversation where status = 'WAITING' and assignee_id is not"
                    + " null")).isZero();
            assertThat(count(c, "select count(*) from conversation where status = 'ASSIGNED' and (assignee_id is"
                    + " null or assigned_at is null)")).isZero();
            assertThat(count(c, "select count(*) from conversation c where not exists (select 1 from message m"
                    + " where m.conversation_id = c.id and m.direction = 'IN')")).as("no empty conversation").isZero();
            // assignments: within the cap, and as routing (rebuilt from the database) sees them
            int held = count(c, "select count(*) from conversation where assignee_id = " + agentId
                    + " and status in ('ASSIGNED', 'AWAITING_USER', 'RESOLUTION_PROPOSED')");
            assertThat(held).isBetween(REPLIES, 50);
            assertThat(count(c, "select count(*) from (select conversation_id from conversation_event where type ="
                    + " 'assigned' group by conversation_id having count(*) > 1) x")).as("assigned twice").isZero();
            Api apiAfter = new Api(port);
            String agentAfter = apiAfter.login("night", "night-agent-password");
            assertThat(apiAfter.get("/api/v1/agents/me", agentAfter).json().get("activeChats").asInt())
                    .isEqualTo(held);
            // the outbox: every reply sent, none failed
            assertThat(count(c, "select count(*) from outbound_delivery where status = 'sent'"))
                    .as(one(c, "select string_agg(status || ' after ' || attempts || ': ' || coalesce(last_error, ''),"
                            + " '; ') from outbound_delivery where status <> 'sent'"))
                    .isEqualTo(REPLIES);
            assertThat(count(c, "select count(*) from outbound_delivery where status <> 'sent'")).isZero();
        }
        Map<String, Integer> sendsByRandomId = new HashMap<>();
        for (LoggedRequest r : vk.findAll(postRequestedFor(urlEqualTo("/method/messages.send"))
                .withRequestBody(containing("random_id=")))) {
            Matcher m = RANDOM_ID.matcher(r.getBodyAsString());
            assertThat(m.find()).isTrue();
            sendsByRandomId.merge(m.group(1), 1, Integer::sum);
        }
        assertThat(sendsByRandomId).as("one random_id per reply: what VK shows its users").hasSize(REPLIES);
    }

    /** One burst message: its id and contact fixed by its number, so a re-send is the same message. */
    private int send(int port, String token, int n) {
        String body = "{\"externalId\": \"burst-" + n + "\", \"contact\": {\"externalId\": \"burst-user-"
                + (n % CONTACTS) + "\"}, \"text\": \"Сообщение номер " + n + ": не приходит код\"}";
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // the server died under it: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Process start(String db, int port, Path log) throws Exception {
        return ServerProcess.start(db, port, log, "crash-admin-password", "--otklik.outbox.interval=200ms",
                "--otklik.outbox.stuck-after=10s"); // a row left "sending" by the killed process is retried soon
    }

    private static int count(String db, String sql) throws SQLException {
        return (int) ServerProcess.count(db, sql);
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
