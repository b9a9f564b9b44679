package org.otklik.server.listening;

import java.time.Instant;

/**
 * A public post or comment as a channel delivered it.
 *
 * @param sourceId the source's id of the post; a second delivery with the same id on the same channel stores nothing
 * @param source   vk_comment, ok_comment, vk_post, telegram_channel_comment or mention
 */
public record MentionIn(String channelId, String sourceId, String source, String text, String authorExternalId,
                        String authorName, String url, Instant publishedAt) {
}
