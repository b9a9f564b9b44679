package org.otklik.server.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.server.conversation.ConversationAssigned;
import org.otklik.server.conversation.ConversationAutoAnswered;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.MessageReceived;
import org.otklik.server.conversation.ReplySent;
import org.otklik.server.csat.CsatSubmitted;
import org.otklik.server.listening.MentionHandled;
import org.otklik.server.listening.MentionReceived;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.triage.MessageTriaged;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts the flow as it happens (committed events only) and samples conversations by status from the database.
 * Names: {@code otklik_messages_received_total}, {@code otklik_conversations{status}},
 * {@code otklik_assignments_total}, {@code otklik_queue_wait_seconds}, {@code otklik_first_response_seconds},
 * {@code otklik_conversations_closed_total{reason}}, {@code otklik_csat_score},
 * {@code otklik_mentions_received_total{stream}}, {@code otklik_mentions_actionable_total{stream}},
 * {@code otklik_mentions_handled_total{status}}.
 */
@Component
class InboxMetrics {

    private final MeterRegistry registry;
    private final ConversationManagement conversations;
    private final Map<ConversationStatus, AtomicLong> byStatus = new EnumMap<>(ConversationStatus.class);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    InboxMetrics(MeterRegistry registry, ConversationManagement conversations) {
        this.registry = registry;
        this.conversations = conversations;
        for (ConversationStatus status : ConversationStatus.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            Gauge.builder("otklik.conversations", value, AtomicLong::get)
                    .description("Conversations by status (sampled)").tag("status", status.wire())
                    .register(registry);
        }
    }

    @EventListener
    void on(MessageReceived event) {
        AfterCommit.run(() -> counter("otklik.messages.received", "channel", event.channelId()).increment());
    }

    @EventListener
    void on(ConversationAssigned event) {
        AfterCommit.run(() -> {
            counter("otklik.assignments", "department", event.department()).increment();
            Timer.builder("otklik.queue.wait").description("Wait from queued to assigned")
                    .tag("department", event.department()).publishPercentileHistogram().register(registry)
                    .record(Duration.between(event.queuedAt(), event.assignedAt()));
        });
    }

    @EventListener
    void on(ReplySent event) {
        if (event.firstReply()) {
            AfterCommit.run(() -> conversations.find(event.conversationId()).ifPresent(c ->
                    Timer.builder("otklik.first.response").description("From queued to the agent's first reply")
                            .tag("department", event.department()).publishPercentileHistogram()
                            .register(registry).record(Duration.between(c.queuedAt(), event.at()))));
        }
    }

    @EventListener
    void on(ConversationClosed event) {
        AfterCommit.run(() -> counter("otklik.conversations.closed", "reason", event.reason().wire()).increment());
    }

    @EventListener
    void on(ConversationAutoAnswered event) {
        AfterCommit.run(() -> counter("otklik.faq.auto.answers", "department", event.department()).increment());
    }

    @EventListener
    void on(MessageTriaged event) {
        AfterCommit.run(() -> {
            counter("otklik.triage.messages", "kind", event.kind()).increment();
            if (event.outage() != null) {
                counter("otklik.triage.outage.reports", "component", event.outage()).increment();
            }
        });
    }

    @EventListener
    void on(MentionReceived event) {
        AfterCommit.run(() -> event.streams().forEach(stream -> {
            counter("otklik.mentions.received", "stream", stream).increment();
            if (event.actionable()) {
                counter("otklik.mentions.actionable", "stream", stream).increment();
            }
        }));
    }

    @EventListener
    void on(MentionHandled event) {
        AfterCommit.run(() -> counter("otklik.mentions.handled", "status", event.status()).increment());
    }

    @EventListener
    void on(CsatSubmitted event) {
        AfterCommit.run(() -> DistributionSummary.builder("otklik.csat.score").description("CSAT scores 1-5")
                .tag("department", event.department()).register(registry).record(event.score()));
    }

    @Scheduled(fixedDelayString = "${otklik.metrics.sample-interval:15s}", initialDelay = 0)
    void sampleStatuses() {
        conversations.countByStatus().forEach((status, count) -> byStatus.get(status).set(count));
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, k -> Counter.builder(name).tag(tag, value)
                .register(registry));
    }
}
