package org.otklik.server.sla;

import java.time.Instant;

/** A conversation's SLA clock reached its target ({@code kind} breach), or will soon ({@code kind} warning). */
public record SlaBreached(long conversationId, String metric, String kind, String department, String policy,
                          Instant dueAt, Instant at) {

    public boolean isWarning() {
        return kind.equals("warning");
    }
}
