package org.otklik.server.listening;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored mention with its streams (and the terms that matched), triage labels and where it stands.
 *
 * @param actionable it needs an answer: a problem, or negative about a concrete action of the service
 * @param status     new, answered, moved_to_private, converted or closed
 */
public record MentionView(long id, String channelId, String sourceId, String source, String authorExternalId,
                          String authorName, String url, String text, Instant publishedAt, Instant receivedAt,
                          String kind, String department, boolean isPrivate, boolean profanity, String outage,
                          String lang, boolean actionable, String status, String closeReason, Long handledBy,
                          Instant handledAt, Long conversationId, Map<String, List<String>> streams,
                          List<Reply> replies) {

    /** A public reply to the mention, for the channel to post. */
    public record Reply(long id, String text, Long agentId, Instant createdAt) {
    }

    public boolean isOpen() {
        return status.equals("new");
    }
}
