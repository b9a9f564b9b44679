package org.otklik.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-inbound", mixinStandardHelpOptions = true,
        description = "Sends messages to a running server's POST /api/v1/inbound over HTTP at a fixed rate (open "
                + "loop: latency counts from when each message was due, so a slow server cannot hide its queue) and "
                + "reports the rate sustained, latency percentiles from sending to stored (the answer comes after the "
                + "message is stored, triaged and routed) and errors.")
final class InboundBenchCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL")
    String url;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "a REST channel's token")
    String token;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "R", description = "messages per second")
    int rate;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "S", description = "seconds")
    int duration;

    private static final List<String> TEXTS = List.of("Не приходит код подтверждения при входе",
            "Списали деньги дважды за подписку, верните", "Приложение вылетает при запуске",
            "Как поменять номер телефона в профиле?", "Меня взломали, пишут от моего имени",
            "Спасибо, всё заработало!", "Не могу оплатить картой, ошибка 3DS");

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000 || duration < 1 || duration > 3600) {
            throw new Otklik.UsageError("--rate must be 1..100000 and --duration 1..3600");
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * duration;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime() + 200_000_000L;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                int n = i;
                threads.submit(() -> {
                    String body = "{\"externalId\": \"bench-" + run + "-" + n + "\", \"contact\": {\"externalId\": "
                            + "\"bench-user-" + (n % 20_000) + "\", \"name\": \"Нагрузочный тест\"}, \"text\": \""
                            + TEXTS.get(n % TEXTS.size()) + "\"}";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/inbound"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latencies[n] = System.nanoTime() - due;
                        if (r.statusCode() == 202) {
                            ok.incrementAndGet();
                            if (r.body().contains("\"duplicate\":true")) {
                                duplicates.incrementAndGet();
                            }
                        } else if (errors.size() < 1000) {
                            errors.add(r.statusCode() + "");
                        }
                    } catch (Exception e) {
                        if (errors.size() < 1000) {
                            errors.add(e.getClass().getSimpleName());
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] done = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        System.out.printf("offered                  %,d messages at %,d/s for %d s%n", total, rate, duration);
        System.out.printf("stored (202)             %,d in %.1f s: %,.0f messages/s sustained%n", ok.get(), seconds,
                ok.get() / seconds);
        System.out.printf("errors                   %,d %s%n", total - ok.get(),
                errors.stream().distinct().limit(5).toList());
        if (done.length > 0) {
            System.out.printf("latency due -> stored    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(done, 0.5), pct(done, 0.9), pct(done, 0.99), done[done.length - 1] / 1e6);
        }
        return 0;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
