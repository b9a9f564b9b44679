package org.otklik.server.conversation;

/**
 * A user's message as a channel delivered it.
 *
 * @param externalId        the channel's id for this message; a second delivery with the same id stores nothing
 * @param contactExternalId the channel's stable id for the user
 * @param department        the department the channel already knows, or null for the channel's default
 */
public record InboundMessage(String channelId, String externalId, String contactExternalId, String contactName,
                             String text, String department) {
}
