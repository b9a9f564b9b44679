package org.otklik.server.conversation;

/**
 * A user's message as a channel delivered it.
 *
 * @param externalId        the channel's id for this message; a second delivery with the same id stores nothing
 * @param contactExternalId the channel's stable id for the user
 * @param department        the department the channel already knows, or null for the channel's default
 * @param contactVip        the channel says the user is (true) or is not (false) a VIP; null leaves it as stored
 * @param urgent            the channel flags the message urgent (e.g. an outage or a security case)
 */
public record InboundMessage(String channelId, String externalId, String contactExternalId, String contactName,
                             String text, String department, Boolean contactVip, boolean urgent) {

    /** A plain message: no VIP information, not urgent. */
    public static InboundMessage of(String channelId, String externalId, String contactExternalId, String contactName,
                                    String text, String department) {
        return new InboundMessage(channelId, externalId, contactExternalId, contactName, text, department, null, false);
    }
}
