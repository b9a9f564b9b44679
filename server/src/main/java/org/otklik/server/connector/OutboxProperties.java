package org.otklik.server.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outbox ({@code otklik.outbox.*}).
 *
 * @param interval     how often due deliveries are looked for
 * @param backoff      the wait after a first failed try; doubled at each further one
 * @param maxBackoff   the longest wait between tries
 * @param maxAttempts  tries before a delivery fails for good
 * @param stuckAfter   a delivery left "sending" this long belongs to a process that stopped mid-send
 */
@ConfigurationProperties("otklik.outbox")
public record OutboxProperties(Duration interval, Duration backoff, Duration maxBackoff, Integer maxAttempts,
                               Duration stuckAfter) {

    public OutboxProperties {
        interval = interval == null ? Duration.ofMillis(500) : interval;
        backoff = backoff == null ? Duration.ofSeconds(5) : backoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(15) : maxBackoff;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(2) : stuckAfter;
    }

    /** The wait before try number {@code attempt + 1}. */
    public Duration backoffAfter(int attempt) {
        Duration wait = backoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
