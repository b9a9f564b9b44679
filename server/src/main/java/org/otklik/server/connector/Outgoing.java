package org.otklik.server.connector;

import java.util.List;

/**
 * One delivery for an adapter to send.
 *
 * @param deliveryId  the outbox row: platforms that drop duplicates get an id derived from it (VK's random_id)
 * @param recipient   the user's platform id (for a private message), or null for a public reply
 * @param publicReplyTo the post or comment to answer under (a mention's source id), or null for a private message
 * @param email       for e-mail: the thread to answer in (null for a first message)
 */
public record Outgoing(long deliveryId, String recipient, String text, String publicReplyTo, EmailThread email) {

    /** What an e-mail reply needs to stay in its thread. */
    public record EmailThread(String subject, String inReplyTo, List<String> references) {
    }

    public boolean isPublicReply() {
        return publicReplyTo != null;
    }
}
