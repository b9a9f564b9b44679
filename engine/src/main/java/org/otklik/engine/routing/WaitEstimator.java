package org.otklik.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimates how long a waiting conversation will wait from its place in the queue and how fast that queue has been
 * moving. A queue moves when a conversation leaves it while others wait (taken by an agent, or the user gave up, or it
 * overflowed); the estimator keeps a moving average of the gaps between such moves, measured only while the queue is
 * not empty (so idle time does not count), and only for conversations that really waited (one taken the moment it
 * arrived says nothing about how fast a queue moves). Place p then waits about p gaps. Until a queue has moved within the rate
 * window, the estimate falls back to capacity: p x handling time / the online slots of the department's agents.
 */
final class WaitEstimator {

    private static final double WEIGHT = 0.15;

    private final RoutingPolicy policy;
    private final Map<String, Movement> movements = new HashMap<>();

    private static final class Movement {
        Instant lastMove;
        double meanGapSeconds = Double.NaN;
        Instant lastSample;
    }

    WaitEstimator(RoutingPolicy policy) {
        this.policy = policy;
    }

    /** The queue went from empty to not empty. */
    void queueStarted(String department, Instant now) {
        movement(department).lastMove = now;
    }

    /** Conversations that waited less than this were taken on arrival: the queue did not have to move for them. */
    private static final Duration REAL_WAIT = Duration.ofSeconds(1);

    /** A conversation left a queue after {@code waited} there; {@code stillWaiting} is how many remain after it. */
    void moved(String department, Instant now, int stillWaiting, Duration waited) {
        Movement m = movement(department);
        if (m.lastMove != null && waited.compareTo(REAL_WAIT) >= 0) {
            double gap = Math.max(0, Duration.between(m.lastMove, now).toMillis() / 1000.0);
            m.meanGapSeconds = Double.isNaN(m.meanGapSeconds) ? gap : (1 - WEIGHT) * m.meanGapSeconds + WEIGHT * gap;
            m.lastSample = now;
        }
        m.lastMove = stillWaiting > 0 ? now : null;
    }

    /**
     * @param position       1 for the next conversation to be served
     * @param onlineCapacity total chat slots of online agents with the department's skill
     */
    Duration estimate(String department, int position, int onlineCapacity, Instant now) {
        Movement m = movements.get(department);
        if (m != null && !Double.isNaN(m.meanGapSeconds) && m.lastSample != null
                && !m.lastSample.isBefore(now.minus(policy.rateWindow()))) {
            double gap = m.meanGapSeconds;
            if (m.lastMove != null) {
                // a queue that has not moved for longer than usual is moving slower than its average says
                gap = Math.max(gap, Duration.between(m.lastMove, now).toMillis() / 1000.0 / Math.max(1, position));
            }
            return Duration.ofSeconds(Math.round(position * gap));
        }
        long handling = policy.assumedHandlingTime().toSeconds();
        return Duration.ofSeconds(Math.round((double) position * handling / Math.max(1, onlineCapacity)));
    }

    private Movement movement(String department) {
        return movements.computeIfAbsent(department, d -> new Movement());
    }
}
