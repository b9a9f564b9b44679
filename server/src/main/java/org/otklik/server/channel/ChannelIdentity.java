package org.otklik.server.channel;

import java.io.Serializable;

/** Who is calling when a request carries a channel's token: that channel. */
public record ChannelIdentity(String channelId, ChannelType type) implements Serializable {
}
