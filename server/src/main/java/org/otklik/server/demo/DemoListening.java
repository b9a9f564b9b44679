package org.otklik.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.otklik.server.listening.MentionIn;
import org.otklik.server.listening.MentionIngest;
import org.otklik.server.listening.StreamManagement;
import org.otklik.text.listening.Stream;
import org.otklik.text.listening.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo listening: seeds the development streams (brands of VK, OK, Mail.ru, Telegram and others) and plays a public
 * crawler that posts comments from the development set of public posts (most mention no stream, as in life) through
 * the same ingest as {@code POST /api/v1/mentions}, a burst at start and then one every few seconds.
 */
@Component
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoListening implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoListening.class);
    private static final String DATA = "/org/otklik/text/data/listening/";
    private static final List<String> SOURCES = List.of("vk_comment", "vk_post", "ok_comment",
            "telegram_channel_comment");
    private static final int START_BURST = 60;

    private final StreamManagement streams;
    private final MentionIngest ingest;
    private final DemoProperties properties;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis());
    private final ScheduledExecutorService crawler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "otklik-demo-crawler");
        t.setDaemon(true);
        return t;
    });
    private volatile List<String> posts = List.of();

    DemoListening(StreamManagement streams, MentionIngest ingest, DemoProperties properties) {
        this.streams = streams;
        this.ingest = ingest;
        this.properties = properties;
    }

    /** Creates the demo streams when there are none yet. */
    void seed() {
        if (!streams.all().isEmpty()) {
            return;
        }
        try (InputStream in = resource("streams-dev.json")) {
            for (Stream s : Streams.read(in)) {
                streams.create(s.id(), s.name(), s.terms(), s.exclude());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        posts = readPosts();
        crawler.execute(() -> {
            for (int i = 0; i < START_BURST; i++) {
                postOne();
            }
        });
        next();
    }

    private void next() {
        double exponential = -Math.log(1 - ThreadLocalRandom.current().nextDouble());
        long delay = (long) (meanPostInterval(properties).toMillis() * exponential);
        crawler.schedule(() -> {
            postOne();
            next();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void postOne() {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String text = posts.get(random.nextInt(posts.size()));
            long n = sequence.incrementAndGet();
            ingest.accept(List.of(new MentionIn(DemoSeeder.API_CHANNEL, "demo-post-" + n,
                    SOURCES.get(random.nextInt(SOURCES.size())), text, "demo-reader-" + random.nextInt(1000),
                    DemoScript.NAMES.get(random.nextInt(DemoScript.NAMES.size())), null, Instant.now())));
        } catch (RuntimeException e) {
            log.debug("demo post skipped: {}", e.getMessage());
        }
    }

    private static List<String> readPosts() {
        JsonMapper json = JsonMapper.builder().build();
        List<String> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(resource("posts-dev.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    JsonNode row = json.readTree(line);
                    out.add(row.get("text").asString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = DemoListening.class.getResourceAsStream(DATA + name);
        if (in == null) {
            throw new IllegalStateException("demo data " + name + " is missing from the text module");
        }
        return in;
    }

    @Override
    public void destroy() {
        crawler.shutdownNow();
    }

    static Duration meanPostInterval(DemoProperties properties) {
        return properties.meanArrival().dividedBy(4);
    }
}
