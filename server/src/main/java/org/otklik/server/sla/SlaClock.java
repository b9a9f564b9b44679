package org.otklik.server.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA target of a conversation as agents see it.
 *
 * @param metric    first_response, next_response or resolution
 * @param state     running, paused, met or breached
 * @param dueAt     when it breaches if nothing happens (null when paused or stopped)
 * @param remaining open time left (negative: overdue)
 */
public record SlaClock(String metric, Duration target, String state, Instant dueAt, Duration remaining) {

    public long remainingSeconds() {
        return remaining.toSeconds();
    }
}
