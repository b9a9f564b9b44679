package org.otklik.server.escalation;

import java.time.Instant;
import java.util.List;

/**
 * An escalation as agents see it (never its link). {@code state}: {@code sent} (to the lead), {@code active},
 * {@code expired} or {@code revoked} (a read-only share).
 */
public record EscalationView(long id, long conversationId, String to, String note, long agentId, String agentName,
                             List<String> recipients, Instant createdAt, Instant expiresAt, Instant revokedAt,
                             String state) {

    public boolean isActiveShare() {
        return state.equals("active");
    }
}
