package org.otklik.server.escalation;

import java.time.Instant;
import java.util.List;

/** What a read-only share shows: the note, who escalated, and the messages with personal data masked. */
public record SharedConversation(long conversationId, String to, String note, String agentName, String department,
                                 Instant createdAt, Instant expiresAt, List<Line> messages) {

    /** One message: {@code from} is {@code user}, {@code agent} or {@code system}. */
    public record Line(String from, String text, Instant at) {
    }
}
