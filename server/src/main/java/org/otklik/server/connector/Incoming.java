package org.otklik.server.connector;

import java.time.Instant;
import java.util.List;

/** What a platform event brings in: a private message to the brand, or a public post or comment. */
public sealed interface Incoming {

    /**
     * A user's private message.
     *
     * @param externalId  the platform's stable id of the message (a redelivery carries the same one)
     * @param contactId   the platform's stable id of the user (chat id, peer id, e-mail address)
     * @param source      for triage: telegram, vk_message, ok_message, email
     * @param attachments what came with it (names and types; files are not kept yet)
     * @param email       threading headers when the channel is e-mail, else null
     */
    record PrivateMessage(String externalId, String contactId, String contactName, String text, String source,
                          List<Attachment> attachments, EmailHeaders email) implements Incoming {
    }

    /** A public post or comment, for listening: {@code sourceId} is what a public reply is posted under. */
    record PublicPost(String sourceId, String source, String text, String authorId, String authorName, String url,
                      Instant publishedAt) implements Incoming {
    }

    /**
     * An attachment as the platform described it.
     *
     * @param platformFileId how the adapter fetches it (Telegram's file_id, a VK or OK file URL), or null
     * @param data           the bytes when they came with the message (e-mail), else null
     */
    record Attachment(String name, String contentType, long size, String platformFileId, byte[] data) {

        public Attachment(String name, String contentType, long size, String platformFileId) {
            this(name, contentType, size, platformFileId, null);
        }
    }

    /** An e-mail's threading headers. */
    record EmailHeaders(String messageId, String inReplyTo, List<String> references, String subject) {
    }
}
