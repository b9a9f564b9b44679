package org.otklik.engine.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * One department queue at a glance.
 *
 * @param oldestQueuedAt      when the longest-waiting conversation arrived, or null if the queue is empty
 * @param estimatedWaitForNew the wait a conversation arriving now would be told
 */
public record QueueSnapshot(String department, int length, Instant oldestQueuedAt, Duration estimatedWaitForNew) {
}
