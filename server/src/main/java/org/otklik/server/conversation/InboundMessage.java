package org.otklik.server.conversation;

/**
 * A user's message as a channel delivered it.
 *
 * @param externalId        the channel's id for this message; a second delivery with the same id stores nothing
 * @param contactExternalId the channel's stable id for the user
 * @param department        the department the channel already knows, or null for the channel's default
 * @param contactVip        the channel says the user is (true) or is not (false) a VIP; null leaves it as stored
 * @param urgent            the channel flags the message urgent (e.g. an outage or a security case)
 * @param autoAnswer        an answer the FAQ is sure of; used only if this message starts a conversation
 * @param contactRegion     where the user writes from, if the channel knows (null leaves it as stored)
 */
public record InboundMessage(String channelId, String externalId, String contactExternalId, String contactName,
                             String text, String department, Boolean contactVip, boolean urgent,
                             AutoAnswer autoAnswer, String contactRegion) {

    /** An answer sent at once, without an agent: the FAQ's reply and the question whether it helped. */
    public record AutoAnswer(long replyId, String text, String prompt) {
    }

    public InboundMessage(String channelId, String externalId, String contactExternalId, String contactName,
                          String text, String department, Boolean contactVip, boolean urgent) {
        this(channelId, externalId, contactExternalId, contactName, text, department, contactVip, urgent, null, null);
    }

    /** The same message with the region the channel knows the user writes from. */
    public InboundMessage fromRegion(String region) {
        return new InboundMessage(channelId, externalId, contactExternalId, contactName, text, department, contactVip,
                urgent, autoAnswer, region);
    }

    public InboundMessage withAutoAnswer(AutoAnswer answer) {
        return new InboundMessage(channelId, externalId, contactExternalId, contactName, text, department, contactVip,
                urgent, answer, contactRegion);
    }

    /** The same message, queued in this department if it starts a conversation. */
    public InboundMessage inDepartment(String code) {
        return new InboundMessage(channelId, externalId, contactExternalId, contactName, text, code, contactVip, urgent,
                autoAnswer, contactRegion);
    }

    /** A plain message: no VIP information, not urgent. */
    public static InboundMessage of(String channelId, String externalId, String contactExternalId, String contactName,
                                    String text, String department) {
        return new InboundMessage(channelId, externalId, contactExternalId, contactName, text, department, null, false);
    }
}
