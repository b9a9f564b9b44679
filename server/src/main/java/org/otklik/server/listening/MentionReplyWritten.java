package org.otklik.server.listening;

import java.time.Instant;

/**
 * An agent wrote a public reply to a mention, in the transaction that stored it: a platform channel posts it under
 * the post or comment ({@code sourceId}) through its outbox; other channels read it from the mentions outbox.
 */
public record MentionReplyWritten(long replyId, long mentionId, String channelId, String sourceId, String source,
                                  String text, Instant at) {
}
