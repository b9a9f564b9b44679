package org.otklik.engine.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the router.
 *
 * @param assumedHandlingTime how long one chat holds a slot, used for wait estimates until real assignments are seen
 * @param rateWindow          how far back the recent assignment rate of a department is measured
 */
public record RoutingPolicy(Duration assumedHandlingTime, Duration rateWindow) {

    public static final RoutingPolicy DEFAULT = new RoutingPolicy(Duration.ofMinutes(10), Duration.ofMinutes(30));

    public RoutingPolicy {
        Objects.requireNonNull(assumedHandlingTime, "assumedHandlingTime");
        Objects.requireNonNull(rateWindow, "rateWindow");
        if (assumedHandlingTime.isNegative() || assumedHandlingTime.isZero() || rateWindow.isNegative()
                || rateWindow.isZero()) {
            throw new IllegalArgumentException("routing durations must be positive");
        }
    }
}
