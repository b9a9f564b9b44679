package org.otklik.server.connector;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.connector.internal.DeliveryStore;
import org.otklik.server.connector.internal.EmailThreadStore;
import org.otklik.server.conversation.MessageSent;
import org.otklik.server.listening.MentionReplyWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The durable outbox: every message to a user of a platform channel, and every public reply to a platform's post, is
 * queued in the transaction that stored it, then sent by the dispatcher; a failed send is tried again with backoff
 * and never sent twice. A delivery is {@code queued}, {@code sending}, {@code sent} (with the platform's id) or
 * {@code failed} (with the reason), and agents see which.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 50;

    /** Where a delivery stands, as agents see it. */
    public record Delivery(String status, int attempts, String error, String platformMessageId) {
    }

    private final DeliveryStore deliveries;
    private final EmailThreadStore threads;
    private final ChannelManagement channels;
    private final Connectors connectors;
    private final OutboxProperties properties;
    private final InstantSource clock;

    Outbox(DeliveryStore deliveries, EmailThreadStore threads, ChannelManagement channels, Connectors connectors,
           OutboxProperties properties, InstantSource clock) {
        this.deliveries = deliveries;
        this.threads = threads;
        this.channels = channels;
        this.connectors = connectors;
        this.properties = properties;
        this.clock = clock;
    }

    /** In the storing transaction: a platform channel's message is queued with it, or not at all. */
    @EventListener
    void on(MessageSent sent) {
        if (isPlatform(sent.channelId())) {
            deliveries.queueMessage(sent.channelId(), sent.messageId(), sent.at());
        }
    }

    @EventListener
    void on(MentionReplyWritten reply) {
        if (isPlatform(reply.channelId())) {
            deliveries.queueReply(reply.channelId(), reply.replyId(), reply.at());
        }
    }

    private boolean isPlatform(String channelId) {
        return channels.recent(channelId).map(c -> c.type().isPlatform()).orElse(false); // a type never changes
    }

    /** Delivery state of these messages (those of platform channels only). */
    public Map<Long, Delivery> ofMessages(List<Long> messageIds) {
        Map<Long, Delivery> out = new java.util.HashMap<>();
        deliveries.ofMessages(messageIds).forEach((id, s) -> out.put(id, view(s)));
        return out;
    }

    public Optional<Delivery> ofMentionReply(long replyId) {
        return deliveries.ofReply(replyId).map(Outbox::view);
    }

    private static Delivery view(DeliveryStore.Status s) {
        return new Delivery(s.status(), s.attempts(), s.lastError(), s.platformMessageId());
    }

    /** Sends what is due; runs every {@code otklik.outbox.interval}. */
    @Scheduled(fixedDelayString = "${otklik.outbox.interval:500ms}")
    public void dispatch() {
        Instant now = clock.instant();
        recoverStuck(now);
        for (long id : deliveries.due(now, BATCH)) {
            if (deliveries.claim(id, clock.instant())) {
                deliveries.load(id).ifPresent(this::send);
            }
        }
    }

    private void send(DeliveryStore.Due due) {
        Channel channel = channels.get(due.channelId());
        Instant now = clock.instant();
        try {
            ChannelAdapter adapter = connectors.adapter(channel.type());
            PlatformChannel platform = connectors.platform(channel);
            Outgoing outgoing = new Outgoing(due.id(), due.publicReplyTo() == null ? due.recipient() : null,
                    due.text(), due.publicReplyTo(), channel.type() == ChannelType.EMAIL && due.recipient() != null
                    ? threads.find(channel.id(), due.recipient()).orElse(null) : null);
            ChannelAdapter.Sent sent = adapter.send(platform, outgoing);
            deliveries.sent(due.id(), sent.platformMessageId(), clock.instant());
        } catch (DeliveryFailure failure) {
            if (failure.retryable() && due.attempts() < properties.maxAttempts()) {
                Instant next = now.plus(failure.retryAfter() != null ? failure.retryAfter()
                        : properties.backoffAfter(due.attempts()));
                deliveries.retryAt(due.id(), next, failure.getMessage(), now);
                log.info("outbox: delivery {} on {} failed (try {}), next at {}: {}", due.id(), channel.id(),
                        due.attempts(), next, failure.getMessage());
            } else {
                deliveries.failed(due.id(), failure.retryable() ? "gave up after " + due.attempts() + " tries: "
                        + failure.getMessage() : failure.getMessage(), now);
                log.warn("outbox: delivery {} on {} failed: {}", due.id(), channel.id(), failure.getMessage());
            }
        } catch (UnsupportedCapability unsupported) {
            deliveries.failed(due.id(), unsupported.getMessage(), now);
        } catch (RuntimeException e) {
            // a bug or a broken setting: keep the row, retry later, say what happened without the payload
            deliveries.retryAt(due.id(), now.plus(properties.backoffAfter(due.attempts())),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), now);
            log.warn("outbox: delivery {} on {} hit {}", due.id(), channel.id(), e.toString());
        }
    }

    /**
     * A delivery left "sending" by a process that stopped mid-send may or may not have reached the platform. It is
     * tried again only where the platform drops duplicates (VK's random_id); elsewhere it fails, saying so, rather than
     * risk sending it twice.
     */
    private void recoverStuck(Instant now) {
        for (long id : deliveries.stuckSince(now.minus(properties.stuckAfter()))) {
            deliveries.load(id).ifPresent(due -> {
                Channel channel = channels.get(due.channelId());
                if (connectors.adapter(channel.type()).dropsDuplicates()) {
                    deliveries.requeueStuck(id, now);
                } else {
                    deliveries.failed(id, "the server stopped while sending: the platform may or may not have"
                            + " received it; check there and send again if needed", now);
                }
            });
        }
    }
}
