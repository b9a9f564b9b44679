package org.otklik.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.otklik.server.support.Api;
import org.otklik.server.support.TestDatabase;

/**
 * Two server processes on one PostgreSQL database ({@code otklik.cluster.enabled}): the first to start leads (it holds
 * the advisory lock) and routes for both; messages sent to the other node are assigned by the leader; an agent signed
 * in on the follower hears of assignments the leader made (LISTEN/NOTIFY). The leader is killed with SIGKILL: the
 * follower takes over within seconds, and nothing is lost or assigned twice, the agent's cap holding across both.
 */
class TwoNodesIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : nodes) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void theFollowerTakesOverWhenTheLeaderDiesAndNothingIsLostOrAssignedTwice(@TempDir Path logs) throws Exception {
        String db = TestDatabase.fresh("nodes");
        int portA = ServerProcess.freePort();
        int portB = ServerProcess.freePort();
        Path logA = logs.resolve("a.log");
        Path logB = logs.resolve("b.log");
        Process a = start(db, portA, logA);
        await(() -> read(logA).contains("is now the leader"), "node A leads");
        start(db, portB, logB);
        Api onA = new Api(portA);
        Api onB = new Api(portB);
        String admin = onA.login("admin", "two-nodes-admin-password");
        String channel = onA.post("/api/v1/admin/channels", admin, Map.of("type", "api", "name", "Both"))
                .json().get("token").asString();
        Api.Response agent = onA.post("/api/v1/admin/agents", admin, Map.of("login", "duty", "displayName", "Duty",
                "password", "duty-agent-password", "skills", List.of("access", "other", "payments", "violations"),
                "maxChats", 50));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        long agentId = agent.json().get("id").asLong();
        // the agent works on the follower: online there, and listening to its live updates
        String agentToken = onB.login("duty", "duty-agent-password");
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        Thread listener = listen(portB, "duty", "duty-agent-password", heardOnB);
        assertThat(onB.put("/api/v1/agents/me/status", agentToken, Map.of("status", "online")).status())
                .isEqualTo(200);
        assertThat(read(logB)).doesNotContain("is now the leader");

        // messages to the follower are routed by the leader
        for (int i = 0; i < 39; i++) {
            Api.Response r = onB.post("/api/v1/inbound", channel, Map.of("externalId", "m-" + i,
                    "contact", Map.of("externalId", "u-" + i), "text", "Не приходит код, помогите " + i));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        // and one to the leader, which the follower never sees but through the leader's live updates
        long onLeader = onA.post("/api/v1/inbound", channel, Map.of("externalId", "m-39",
                "contact", Map.of("externalId", "u-39"), "text", "Не приходит код, помогите")).json()
                .get("conversationId").asLong();
        await(() -> count(db, "select count(*) from conversation where assignee_id = " + agentId) == 40,
                "40 conversations (39 sent to the follower) assigned by the leader");
        await(() -> heardOnB.contains("conversation-" + onLeader),
                "the follower's workspace heard of a conversation that only the leader handled");

        // the leader dies; the follower takes over and routes what comes next
        a.destroyForcibly();
        assertThat(a.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Instant killed = Instant.now();
        await(() -> read(logB).contains("is now the leader"), "node B leads");
        assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(15));
        for (int i = 40; i < 60; i++) {
            // some messages were already sent once: a platform re-sends what it is unsure of
            Api.Response r = onB.post("/api/v1/inbound", channel, Map.of("externalId", "m-" + (i % 45 == 0 ? 0 : i),
                    "contact", Map.of("externalId", "u-" + i), "text", "Тоже не приходит код " + i));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        await(() -> count(db, "select count(*) from conversation where assignee_id = " + agentId) == 50,
                "the new leader fills the agent's cap");
        Thread.sleep(1000); // nothing more may be assigned: the cap holds across the takeover
        listener.interrupt();

        assertThat(count(db, "select count(*) from conversation where assignee_id = " + agentId)).isEqualTo(50);
        assertThat(count(db, "select count(*) from message where direction = 'IN'")).isEqualTo(59);
        assertThat(count(db, "select count(distinct external_id) from message where direction = 'IN'"))
                .isEqualTo(59);
        assertThat(count(db, "select count(*) from conversation where status = 'WAITING'")).isEqualTo(9);
        assertThat(count(db, "select count(*) from (select conversation_id from conversation_event where type ="
                + " 'assigned' group by conversation_id having count(*) > 1) x")).as("assigned twice").isZero();
        assertThat(onB.get("/api/v1/agents/me", agentToken).json().get("activeChats").asInt()).isEqualTo(50);
        assertThat(count(db, "select count(*) from message where kind = 'WAIT_NOTICE'"))
                .as("the 9 still waiting were told how long, once each").isEqualTo(9);
    }

    /** Signs in to the workspace on a node and collects the names of the live update events it sends. */
    private static Thread listen(int port, String login, String password, List<String> heard) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/workspace/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=" + login + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        int signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/workspace/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertThat(signedIn).isEqualTo(302);
        HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(base
                + "/workspace/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(events.statusCode()).isEqualTo(200);
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                String line;
                while (!Thread.currentThread().isInterrupted() && (line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        heard.add(line.substring(6).strip());
                    }
                }
            } catch (IOException e) {
                // the stream ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Process start(String db, int port, Path log) throws Exception {
        Process p = ServerProcess.start(db, port, log, "two-nodes-admin-password", "--otklik.cluster.enabled=true",
                "--otklik.cluster.check-interval=500ms");
        nodes.add(p);
        return p;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long count(String db, String sql) {
        try {
            return ServerProcess.count(db, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
