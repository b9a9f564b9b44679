package org.otklik.server.connector;

import java.util.Map;
import org.otklik.server.channel.ChannelType;

/** A platform channel as its adapter sees it: the settings in clear (never log them). */
public record PlatformChannel(String id, ChannelType type, Map<String, String> settings) {

    public String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new IllegalStateException("channel " + id + " has no setting " + name);
        }
        return value;
    }

    @Override
    public String toString() {
        return "PlatformChannel[" + id + ", " + type.wire() + "]"; // never the settings
    }
}
