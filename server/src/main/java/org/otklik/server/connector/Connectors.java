package org.otklik.server.connector;

import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.connector.internal.EmailThreadStore;
import org.otklik.server.conversation.ContactManagement;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.inbound.InboundGateway;
import org.otklik.server.listening.MentionIn;
import org.otklik.server.listening.MentionIngest;
import org.springframework.stereotype.Service;

/**
 * The adapters by platform, and what Otklik does with what they bring: private messages through the inbound gateway
 * (stored once on the platform's message id, triaged, queued), public posts through listening.
 */
@Service
public class Connectors {

    private final Map<ChannelType, ChannelAdapter> adapters = new EnumMap<>(ChannelType.class);
    private final ChannelManagement channels;
    private final InboundGateway inbound;
    private final MentionIngest mentions;
    private final EmailThreadStore threads;
    private final InstantSource clock;
    private final String publicUrl;
    private final ContactManagement contacts;
    private final Attachments attachments;

    Connectors(List<ChannelAdapter> all, ChannelManagement channels, InboundGateway inbound, MentionIngest mentions,
               EmailThreadStore threads, InstantSource clock, ContactManagement contacts, Attachments attachments,
               @org.springframework.beans.factory.annotation.Value("${otklik.public-url:}") String publicUrl) {
        this.publicUrl = publicUrl;
        this.contacts = contacts;
        this.attachments = attachments;
        all.forEach(a -> adapters.put(a.type(), a));
        this.channels = channels;
        this.inbound = inbound;
        this.mentions = mentions;
        this.threads = threads;
        this.clock = clock;
    }

    public ChannelAdapter adapter(ChannelType type) {
        ChannelAdapter adapter = adapters.get(type);
        if (adapter == null) {
            throw new IllegalStateException("no adapter for " + type.wire() + " channels");
        }
        return adapter;
    }

    public PlatformChannel platform(Channel channel) {
        return new PlatformChannel(channel.id(), channel.type(), channels.settings(channel.id()));
    }

    /**
     * The path a platform calls for this channel; an OK channel's carries its secret, shown only when asked with
     * {@code withSecret} (at creation), else masked.
     */
    public java.util.Optional<String> webhookPath(Channel channel, boolean withSecret) {
        if (!adapters.containsKey(channel.type())
                || !adapter(channel.type()).capabilities().contains(Capability.WEBHOOK)) {
            return java.util.Optional.empty();
        }
        String path = "/webhooks/" + channel.type().wire() + "/" + channel.id();
        if (channel.type() == ChannelType.OK) {
            String secret = channels.settings(channel.id()).get("webhookSecret");
            path += "?secret=" + (withSecret ? secret : org.otklik.server.channel.ChannelSettings.mask(secret));
        }
        return java.util.Optional.of(path);
    }

    /**
     * Tells the platform where to call (Telegram's setWebhook, OK's subscription) when {@code otklik.public-url} is
     * set; answers what happened, for the admin to read, or null when there was nothing to do.
     */
    public String registerWebhook(Channel channel) {
        if (publicUrl == null || publicUrl.isBlank() || !channel.type().isPlatform()) {
            return null;
        }
        return webhookPath(channel, true).map(path -> {
            try {
                adapter(channel.type()).registerWebhook(platform(channel), publicUrl.replaceAll("/+$", "") + path);
                return "registered";
            } catch (DeliveryFailure | UnsupportedCapability e) {
                return "not registered: " + e.getMessage();
            }
        }).orElse(null);
    }

    /** Takes in what a webhook or a poll brought; a redelivered event stores nothing new. */
    public void take(Channel channel, List<Incoming> incoming) {
        for (Incoming item : incoming) {
            switch (item) {
                case Incoming.PrivateMessage m -> takePrivate(channel, m);
                case Incoming.PublicPost p -> mentions.accept(List.of(new MentionIn(channel.id(), p.sourceId(),
                        p.source(), p.text(), p.authorId(), p.authorName(), p.url(), p.publishedAt())));
            }
        }
    }

    private void takePrivate(Channel channel, Incoming.PrivateMessage m) {
        String text = withAttachments(m);
        if (text.isBlank()) {
            return; // a sticker, a service message: nothing to answer
        }
        if (m.email() != null && m.email().messageId() != null) {
            threads.record(channel.id(), m.contactId(), m.email().messageId(), m.email().subject(), clock.instant());
        }
        var receipt = inbound.accept(InboundMessage.of(channel.id(), m.externalId(), m.contactId(), m.contactName(),
                text, null), m.source());
        if (!receipt.duplicate() && !m.attachments().isEmpty()) {
            attachments.keep(receipt.messageId(), adapter(channel.type()), platform(channel), m.attachments());
        }
        if (channel.type() == ChannelType.EMAIL) {
            contacts.noteDetails(channel.id(), m.contactId(), m.contactId(), null);
        }
    }

    /** The text, and a line per attachment (files are described, not kept yet). */
    static String withAttachments(Incoming.PrivateMessage m) {
        StringBuilder text = new StringBuilder(m.text() == null ? "" : m.text().strip());
        for (Incoming.Attachment a : m.attachments()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("[вложение: ").append(a.name() == null ? a.contentType() : a.name());
            if (a.size() > 0) {
                text.append(", ").append(Math.max(1, a.size() / 1024)).append(" КБ");
            }
            text.append(']');
        }
        String out = text.toString();
        return out.length() > 20_000 ? out.substring(0, 20_000) : out;
    }
}
