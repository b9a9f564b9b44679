package org.otklik.server.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.conversation.ReplySent;
import org.otklik.server.conversation.ResolutionProposed;
import org.otklik.server.csat.CsatManagement;
import org.otklik.server.inbound.InboundGateway;
import org.otklik.server.shared.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo users: they start conversations at random (Poisson) through the same gateway as the REST channel, answer the
 * agent's steps with the follow-ups of their story, usually confirm a proposed resolution (sometimes they say it is
 * not solved, sometimes they never answer) and usually rate the help afterwards.
 */
@Component
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoTraffic implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final List<String> COMMENTS = List.of("Спасибо, быстро!", "Вежливо и по делу",
            "Долго ждал ответа", "Помогли, спасибо большое", "");

    private final InboundGateway gateway;
    private final ConversationManagement conversations;
    private final CsatManagement csat;
    private final DemoProperties properties;
    private final ScheduledExecutorService users = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "otklik-demo-users");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Progress> stories = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis());
    private volatile boolean running;

    private record Progress(DemoScript.Story story, String contact, String name, AtomicInteger nextFollowUp) {
    }

    DemoTraffic(InboundGateway gateway, ConversationManagement conversations, CsatManagement csat,
                DemoProperties properties) {
        this.gateway = gateway;
        this.conversations = conversations;
        this.csat = csat;
        this.properties = properties;
    }

    void start() {
        running = true;
        later(Duration.ofSeconds(2), this::arrive);
    }

    private void arrive() {
        try {
            int waiting = conversations.list(new ConversationFilter(ConversationStatus.WAITING, null,
                    DemoSeeder.API_CHANNEL, null, null, null, properties.maxWaiting())).size();
            if (waiting < properties.maxWaiting()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                DemoScript.Story story = DemoScript.STORIES.get(random.nextInt(DemoScript.STORIES.size()));
                String name = DemoScript.NAMES.get(random.nextInt(DemoScript.NAMES.size()));
                String contact = "demo-user-" + sequence.incrementAndGet();
                long id = say(contact, name, story.opening());
                stories.put(id, new Progress(story, contact, name, new AtomicInteger()));
            }
        } catch (RuntimeException e) {
            log.warn("demo arrival failed: {}", e.getMessage());
        }
        double exponential = -Math.log(1 - ThreadLocalRandom.current().nextDouble());
        later(Duration.ofMillis((long) (properties.meanArrival().toMillis() * exponential)), this::arrive);
    }

    @EventListener
    void on(ReplySent reply) {
        Progress progress = stories.get(reply.conversationId());
        if (progress == null) {
            return;
        }
        AfterCommit.run(() -> {
            int next = progress.nextFollowUp().getAndIncrement();
            if (next < progress.story().followUps().size()) {
                later(seconds(6, 20), () -> say(progress.contact(), progress.name(),
                        progress.story().followUps().get(next)));
            }
        });
    }

    @EventListener
    void on(ResolutionProposed proposed) {
        if (!stories.containsKey(proposed.conversationId())) {
            return;
        }
        AfterCommit.run(() -> later(seconds(5, 15), () -> {
            double dice = ThreadLocalRandom.current().nextDouble();
            if (dice < 0.8) {
                conversations.answerResolution(proposed.conversationId(), true);
            } else if (dice < 0.9) {
                conversations.answerResolution(proposed.conversationId(), false);
                Progress progress = stories.get(proposed.conversationId());
                say(progress.contact(), progress.name(), "Нет, к сожалению, всё ещё не работает");
            }
            // else: the user never answers; the proposal auto-closes later
        }));
    }

    @EventListener
    void on(ConversationClosed closed) {
        if (!stories.containsKey(closed.conversationId()) || closed.reason() != CloseReason.CONFIRMED) {
            return;
        }
        AfterCommit.run(() -> later(seconds(3, 10), () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextDouble() < 0.75) {
                double dice = random.nextDouble();
                int score = dice < 0.55 ? 5 : dice < 0.8 ? 4 : dice < 0.9 ? 3 : dice < 0.95 ? 2 : 1;
                csat.submit(closed.conversationId(), score, COMMENTS.get(random.nextInt(COMMENTS.size())));
            }
            stories.remove(closed.conversationId());
        }));
    }

    private long say(String contact, String name, String text) {
        String messageId = "demo-" + sequence.incrementAndGet();
        return gateway.accept(InboundMessage.of(DemoSeeder.API_CHANNEL, messageId, contact, name, text, null),
                "ok_message").conversationId();
    }

    private void later(Duration delay, Runnable step) {
        if (!running) {
            return;
        }
        users.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.debug("demo user step skipped: {}", e.getMessage());
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Duration seconds(int min, int max) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(min * 1000L, max * 1000L));
    }

    @Override
    public void destroy() {
        running = false;
        users.shutdownNow();
    }
}
