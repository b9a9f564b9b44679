package org.otklik.server.listening;

import java.time.Instant;
import java.util.Map;

/**
 * A digest of the mentions received in a period: counts per stream, kind and sentiment, the actionable mentions
 * still unanswered, and the streams with a spike.
 */
public record MentionDigest(long id, Instant periodStart, Instant periodEnd, Instant createdAt,
                            Map<String, Object> content, String emailedTo) {
}
