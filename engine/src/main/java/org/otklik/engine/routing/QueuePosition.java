package org.otklik.engine.routing;

import java.time.Duration;

/** Where a waiting conversation stands: 1 = next in its department, and about how long until an agent takes it. */
public record QueuePosition(long conversationId, String department, int position, Duration estimatedWait) {
}
