package org.otklik.server.agentdesk;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.otklik.server.agent.AgentPresenceChanged;
import org.otklik.server.conversation.ConversationAssigned;
import org.otklik.server.conversation.ConversationAutoAnswered;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationOverflowed;
import org.otklik.server.conversation.ConversationQueued;
import org.otklik.server.conversation.ConversationRequeued;
import org.otklik.server.conversation.MessageReceived;
import org.otklik.server.conversation.ReplySent;
import org.otklik.server.conversation.ResolutionProposed;
import org.otklik.server.conversation.ResolutionRejected;
import org.otklik.server.csat.CsatSubmitted;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.shared.Cluster;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes "something changed" signals to open workspaces over server-sent events: {@code inbox} when any queue or
 * assignment changes, {@code conversation-<id>} when that conversation does. Pages then fetch fresh fragments, so
 * nothing user-written travels in these events. Sends happen on a thread of their own, never on a request thread.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final CopyOnWriteArrayList<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "otklik-live-updates");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Cluster cluster;

    LiveUpdates(Cluster cluster) {
        this.cluster = cluster;
        cluster.subscribe(Cluster.LIVE, name -> {
            if (name.startsWith("conversation-") || name.equals("inbox")) {
                send("inbox");
                send(name);
            }
        });
    }

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitters.add(emitter);
        try {
            emitter.send(SseEmitter.event().name("hello").data("ok"));
        } catch (IOException e) {
            emitters.remove(emitter);
        }
        return emitter;
    }

    @EventListener
    void on(ConversationQueued e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ConversationAssigned e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(MessageReceived e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ReplySent e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ResolutionProposed e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ResolutionRejected e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ConversationClosed e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(CsatSubmitted e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ConversationAutoAnswered e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ConversationRequeued e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(ConversationOverflowed e) {
        signal(e.conversationId());
    }

    @EventListener
    void on(AgentPresenceChanged e) {
        AfterCommit.run(() -> {
            send("inbox");
            cluster.publish(Cluster.LIVE, "inbox");
        });
    }

    /** Keeps proxies from closing idle streams and finds dead ones. */
    @Scheduled(fixedRate = 20_000)
    void heartbeat() {
        send("heartbeat");
    }

    private void signal(long conversationId) {
        AfterCommit.run(() -> {
            send("inbox");
            send("conversation-" + conversationId);
            cluster.publish(Cluster.LIVE, "conversation-" + conversationId); // agents on other nodes hear of it too
        });
    }

    private void send(String name) {
        // a burst of changes to one conversation becomes one signal: later ones fold into the pending send
        if (emitters.isEmpty() || !pending.add(name)) {
            return;
        }
        sender.execute(() -> {
            pending.remove(name);
            for (SseEmitter emitter : emitters) {
                try {
                    emitter.send(SseEmitter.event().name(name).data(name));
                } catch (IOException | IllegalStateException e) {
                    emitters.remove(emitter);
                }
            }
        });
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream first thing at shutdown, so graceful shutdown does not wait for them. */
    @Override
    public void stop() {
        running = false;
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
        sender.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
