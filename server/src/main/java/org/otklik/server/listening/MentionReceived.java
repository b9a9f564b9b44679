package org.otklik.server.listening;

import java.time.Instant;
import java.util.Set;

/** A public post matched at least one stream and was stored as a mention. */
public record MentionReceived(long mentionId, Set<String> streams, String kind, boolean actionable, String outage,
                              Instant at) {
}
