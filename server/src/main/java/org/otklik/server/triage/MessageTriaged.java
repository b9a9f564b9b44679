package org.otklik.server.triage;

import java.time.Instant;

/** An inbound message was read by triage (incident detection listens for outage reports). */
public record MessageTriaged(long messageId, long conversationId, String kind, String department, boolean isPrivate,
                             boolean profanity, String outage, String lang, String source, Instant at) {
}
