package org.otklik.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimates how long a waiting conversation will wait, from its queue position and the rate at which the department
 * has recently been taking conversations off its queue. Until a department has a recent rate (three assignments within
 * the window), it falls back to its online capacity: position x handling time / free-able slots.
 */
final class WaitEstimator {

    private static final int MIN_SAMPLES = 3;
    private static final int MAX_SAMPLES = 64;

    private final RoutingPolicy policy;
    private final Map<String, Deque<Instant>> assignments = new HashMap<>();

    WaitEstimator(RoutingPolicy policy) {
        this.policy = policy;
    }

    void recordAssignment(String department, Instant at) {
        Deque<Instant> times = assignments.computeIfAbsent(department, d -> new ArrayDeque<>());
        times.addLast(at);
        while (times.size() > MAX_SAMPLES) {
            times.removeFirst();
        }
    }

    /**
     * @param position       1 for the next conversation to be served
     * @param onlineCapacity total chat slots of online agents with the department's skill
     */
    Duration estimate(String department, int position, int onlineCapacity, Instant now) {
        Deque<Instant> times = assignments.get(department);
        if (times != null) {
            Instant windowStart = now.minus(policy.rateWindow());
            while (!times.isEmpty() && times.peekFirst().isBefore(windowStart)) {
                times.removeFirst();
            }
            if (times.size() >= MIN_SAMPLES) {
                // rate measured from the window's start to now, so a department that stopped assigning slows down
                double seconds = Math.max(1, Duration.between(times.peekFirst(), now).toSeconds());
                double perSecond = (times.size() - 1) / seconds;
                if (perSecond > 0) {
                    return Duration.ofSeconds(Math.round(position / perSecond));
                }
            }
        }
        long handling = policy.assumedHandlingTime().toSeconds();
        return Duration.ofSeconds(Math.round((double) position * handling / Math.max(1, onlineCapacity)));
    }
}
