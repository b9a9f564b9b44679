package org.otklik.server.inbound;

/** A waiting conversation's place in its queue (1 = next) and the estimated wait. */
public record QueueInfo(int position, long estimatedWaitSeconds) {
}
