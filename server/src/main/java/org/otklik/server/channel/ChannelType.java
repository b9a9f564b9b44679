package org.otklik.server.channel;

import java.util.Arrays;
import java.util.Locale;
import org.otklik.server.shared.InvalidInput;

/** The kinds of channel: our own REST API and web chat, and the platforms reached through their adapters. */
public enum ChannelType {
    /** A client system posts messages to {@code POST /api/v1/inbound} with the channel's bearer token. */
    API(false),
    /** The embeddable web chat: anonymous visitors, no login anywhere. */
    WIDGET(false),
    /** A Telegram bot (Bot API): webhook or long polling in, {@code sendMessage} out. */
    TELEGRAM(true),
    /** A VK community: Callback API in (messages and wall comments), {@code messages.send} and comments out. */
    VK(true),
    /** An OK group's bot (OK Bot API): webhook in, messages out. */
    OK(true),
    /** A mailbox: IMAP in, SMTP out. */
    EMAIL(true);

    private final boolean platform;

    ChannelType(boolean platform) {
        this.platform = platform;
    }

    /** A platform reached through an adapter: replies are pushed to it through the outbox. */
    public boolean isPlatform() {
        return platform;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelType parse(String value, String field) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput(field, field + " must be one of "
                        + Arrays.stream(values()).map(ChannelType::wire).toList()));
    }
}
