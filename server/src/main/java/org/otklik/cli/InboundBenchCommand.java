package org.otklik.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The inbound load generator. Open loop: message i is due at start + i / rate, and its latency counts from then, so a
 * slow server cannot hide its queue by slowing the sender (no coordinated omission). At most {@code --connections}
 * requests are in flight, as a platform delivering webhooks over a bounded number of connections does; a message
 * waiting for a free connection is late, and its lateness is counted. The messages go over plain keep-alive HTTP/1.1
 * connections ({@link WebhookConnection}), so that the generator, which shares the machine with the server, takes
 * little of it.
 */
@Command(name = "bench-inbound", mixinStandardHelpOptions = true,
        description = "Sends messages to a running server's POST /api/v1/inbound over HTTP at a fixed rate and reports "
                + "the rate sustained, latency percentiles from when each message was due to when the server answered "
                + "(it answers after the message is stored, triaged and routed), the same for the messages answered as "
                + "assigned to an agent, and errors. A warm-up at the same rate comes first and is not counted.")
final class InboundBenchCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL")
    String url;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "a REST channel's token")
    String token;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "R", description = "messages per second")
    int rate;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "S", description = "seconds measured")
    int duration;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "S",
            description = "seconds sent first and not counted (the server's JIT compiles the hot paths)")
    int warmup;

    @Option(names = "--connections", defaultValue = "256", paramLabel = "N", description = "requests in flight at most")
    int connections;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "an admin's token: with --agents, creates that many online agents (50 chats each, every "
                    + "department) so that conversations are assigned")
    String adminToken;

    @Option(names = "--agents", defaultValue = "0", paramLabel = "N")
    int agents;

    @Option(names = "--contacts", defaultValue = "0", paramLabel = "N",
            description = "how many users write, in turn (their later messages join their open conversations); "
                    + "0, the default: every message from a new user")
    int contacts;

    private static final List<String> TEXTS = List.of("Не приходит код подтверждения при входе",
            "Списали деньги дважды за подписку, верните", "Приложение вылетает при запуске",
            "Как поменять номер телефона в профиле?", "Меня взломали, пишут от моего имени",
            "Спасибо, всё заработало!", "Не могу оплатить картой, ошибка 3DS");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private record Result(long[] latencies, long[] assignedLatencies, int ok, int duplicates, int assigned,
                          List<String> errors, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000 || duration < 1 || duration > 3600 || warmup < 0 || warmup > 600
                || connections < 1 || connections > 10_000 || agents < 0 || agents > 500 || contacts < 0) {
            throw new Otklik.UsageError("--rate must be 1..100000, --duration 1..3600, --warmup 0..600, --connections "
                    + "1..10000, --agents 0..500 and --contacts at least 0");
        }
        if (agents > 0 && adminToken == null) {
            throw new Otklik.UsageError("--agents needs --admin-token");
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (agents > 0) {
            bringAgentsOnline(http, run);
        }
        if (warmup > 0) {
            Result w = send(run + "w", rate * warmup);
            System.err.printf("warm-up: %,d of %,d stored, not counted%n", w.ok(), rate * warmup);
        }
        Result r = send(run, rate * duration);
        int total = rate * duration;
        System.out.printf("offered                  %,d messages at %,d/s for %d s (%d connections at most)%n", total,
                rate, duration, connections);
        System.out.printf("stored (202)             %,d in %.1f s: %,.0f messages/s sustained%n", r.ok(), r.seconds(),
                r.ok() / r.seconds());
        System.out.printf("errors                   %,d %s%n", total - r.ok(),
                r.errors().stream().distinct().limit(5).toList());
        print("latency due -> stored   ", r.latencies());
        if (agents > 0) {
            System.out.printf("assigned on receipt      %,d%n", r.assigned());
            print("latency due -> assigned ", r.assignedLatencies());
        }
        return 0;
    }

    private static void print(String label, long[] sorted) {
        if (sorted.length > 0) {
            System.out.printf("%s p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, pct(sorted, 0.5),
                    pct(sorted, 0.9), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }
    }

    /** Message {@code n}, due at {@code due} (System.nanoTime); {@code n < 0} tells a sender to stop. */
    private record Due(int n, long due) {
    }

    /**
     * Open loop: this thread hands each message to the senders when it is due; each of the {@code --connections}
     * senders owns one keep-alive connection and sends one message at a time. A message that waits for a free sender
     * is late, and its lateness counts.
     */
    private Result send(String run, int total) throws InterruptedException {
        long[] latencies = new long[total];
        boolean[] assignedOnes = new boolean[total];
        Arrays.fill(latencies, -1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger assigned = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        BlockingQueue<Due> due = new LinkedBlockingQueue<>();
        URI base = URI.create(url);
        byte[] authorization = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime() + 200_000_000L;
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                senders.submit(() -> {
                    WebhookConnection connection = new WebhookConnection(base);
                    try {
                        for (Due d = due.take(); d.n() >= 0; d = due.take()) {
                            int n = d.n();
                            String user = "bench-" + run + "-user-" + (contacts > 0 ? n % contacts : n);
                            String body = "{\"externalId\": \"bench-" + run + "-" + n + "\", \"contact\": "
                                    + "{\"externalId\": \"" + user + "\", \"name\": \"Нагрузочный тест\"}, \"text\": \""
                                    + TEXTS.get(n % TEXTS.size()) + "\"}";
                            try {
                                WebhookConnection.Answer answer = connection.post("/api/v1/inbound", authorization,
                                        body.getBytes(StandardCharsets.UTF_8));
                                latencies[n] = System.nanoTime() - d.due();
                                if (answer.status() == 202) {
                                    ok.incrementAndGet();
                                    if (answer.body().contains("\"duplicate\":true")) {
                                        duplicates.incrementAndGet();
                                    }
                                    if (answer.body().contains("\"status\":\"assigned\"")) {
                                        assigned.incrementAndGet();
                                        assignedOnes[n] = true;
                                    }
                                } else if (errors.size() < 1000) {
                                    errors.add(Integer.toString(answer.status()));
                                }
                            } catch (IOException | RuntimeException e) {
                                connection.close(); // the next message opens a new one
                                if (errors.size() < 1000) {
                                    errors.add(e.getClass().getSimpleName());
                                }
                            }
                        }
                    } finally {
                        connection.close();
                    }
                    return null;
                });
            }
            for (int i = 0; i < total; i++) {
                long at = start + (long) (i * 1e9 / rate);
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                due.add(new Due(i, at));
            }
            for (int c = 0; c < connections; c++) {
                due.add(new Due(-1, 0));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> assignedLatencies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (assignedOnes[i]) {
                assignedLatencies.add(latencies[i]);
            }
        }
        return new Result(Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray(),
                assignedLatencies.stream().mapToLong(Long::longValue).sorted().toArray(), ok.get(), duplicates.get(),
                assigned.get(), List.copyOf(errors), seconds);
    }

    /** Online agents with room for many chats in every department, so that routing assigns at once. */
    private void bringAgentsOnline(HttpClient http, String run) throws Exception {
        HttpResponse<String> departments = call(http, "GET", "/api/v1/departments", adminToken, null);
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(departments.body());
        while (m.find()) {
            codes.add("\"" + m.group(1) + "\"");
        }
        for (int i = 0; i < agents; i++) {
            String login = "bench-" + run + "-" + i;
            String password = "bench-" + run + "-password";
            HttpResponse<String> created = call(http, "POST", "/api/v1/admin/agents", adminToken,
                    "{\"login\": \"" + login + "\", \"displayName\": \"Bench " + i + "\", \"password\": \"" + password
                            + "\", \"skills\": " + codes + ", \"maxChats\": 50}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating agent " + login + ": " + created.statusCode() + " "
                        + created.body());
            }
            Matcher t = TOKEN.matcher(call(http, "POST", "/api/v1/auth/token", null,
                    "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}").body());
            if (!t.find()) {
                throw new IllegalStateException("agent " + login + " could not sign in");
            }
            call(http, "PUT", "/api/v1/agents/me/status", t.group(1), "{\"status\": \"online\"}");
        }
        System.err.printf("%d agents online, %d chats each, departments %s%n", agents, 50, codes);
    }

    private HttpResponse<String> call(HttpClient http, String method, String path, String bearer, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
