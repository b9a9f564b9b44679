package org.otklik.server.csat;

import java.time.Instant;

/** A user's rating of a closed conversation; {@code agentId} is the agent who handled it. */
public record CsatRating(long conversationId, Long agentId, int score, String comment, Instant submittedAt) {

    /** Ratings of 4 and 5 count as satisfied in CSAT share. */
    public boolean satisfied() {
        return score >= 4;
    }
}
