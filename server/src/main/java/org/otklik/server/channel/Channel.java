package org.otklik.server.channel;

import java.time.Instant;

/**
 * A configured channel.
 *
 * @param widgetKey            the public key a site embeds to open this widget channel; null for other types
 * @param departmentFromTriage whether triage picks the department of new conversations; false: always the default
 */
public record Channel(String id, ChannelType type, String name, String defaultDepartment, String widgetKey,
                      boolean departmentFromTriage, Instant createdAt) {
}
