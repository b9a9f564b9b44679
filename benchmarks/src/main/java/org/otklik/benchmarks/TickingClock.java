package org.otklik.benchmarks;

import java.time.Instant;
import java.time.InstantSource;

/** A clock for routing benchmarks: every reading is one millisecond after the last, so arrivals have an order. */
final class TickingClock implements InstantSource {

    private long millis;

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis++);
    }
}
