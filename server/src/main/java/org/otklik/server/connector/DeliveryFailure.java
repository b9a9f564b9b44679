package org.otklik.server.connector;

import java.time.Duration;

/**
 * A send that did not go through. Retryable failures (the platform is down, too many requests) are tried again with
 * backoff, or after {@code retryAfter} when the platform said so; the others (blocked by the user, bad token) fail
 * the delivery with the reason.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryFailure(String reason, boolean retryable, Duration retryAfter) {
        super(reason);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryFailure retryable(String reason) {
        return new DeliveryFailure(reason, true, null);
    }

    public static DeliveryFailure permanent(String reason) {
        return new DeliveryFailure(reason, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** When the platform asked to wait before the next try, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
