package org.otklik.server.recovery;

import java.time.Instant;

/** An agent decided a recovery case: {@code approved} or not, for the service's profile {@code profileId}. */
public record AccessRecoveryDecided(long caseId, long conversationId, String profileId, boolean approved,
                                    long agentId, Instant at) {
}
