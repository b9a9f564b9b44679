package org.otklik.engine.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable rules of the lifecycle.
 *
 * @param reopenWindow   a user message this soon after a close reopens the conversation; later it starts a new one
 * @param autoCloseAfter a proposed resolution the user leaves unanswered this long is closed as {@code auto_closed}
 */
public record LifecyclePolicy(Duration reopenWindow, Duration autoCloseAfter) {

    public static final LifecyclePolicy DEFAULT = new LifecyclePolicy(Duration.ofDays(7), Duration.ofHours(24));

    public LifecyclePolicy {
        Objects.requireNonNull(reopenWindow, "reopenWindow");
        Objects.requireNonNull(autoCloseAfter, "autoCloseAfter");
        if (reopenWindow.isNegative() || autoCloseAfter.isNegative() || autoCloseAfter.isZero()) {
            throw new IllegalArgumentException("lifecycle durations must be positive");
        }
    }
}
