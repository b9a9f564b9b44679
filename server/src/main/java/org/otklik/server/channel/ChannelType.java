package org.otklik.server.channel;

import java.util.Arrays;
import java.util.Locale;
import org.otklik.server.shared.InvalidInput;

/** The kinds of channel Otklik can run today. VK, OK, Telegram and email adapters are not built yet. */
public enum ChannelType {
    /** A client system posts messages to {@code POST /api/v1/inbound} with the channel's bearer token. */
    API,
    /** The embeddable web chat: anonymous visitors, no login anywhere. */
    WIDGET;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelType parse(String value, String field) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput(field, field + " must be one of "
                        + Arrays.stream(values()).map(ChannelType::wire).toList()
                        + " (telegram, vk, ok and email adapters are not built yet)"));
    }
}
