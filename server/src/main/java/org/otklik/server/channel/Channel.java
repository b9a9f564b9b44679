package org.otklik.server.channel;

import java.time.Instant;

/**
 * A configured channel.
 *
 * @param widgetKey the public key a site embeds to open this widget channel; null for other types
 */
public record Channel(String id, ChannelType type, String name, String defaultDepartment, String widgetKey,
                      Instant createdAt) {
}
