package org.otklik.engine.routing;

import java.util.Locale;

/**
 * Why a waiting conversation should be served sooner. Each priority moves the conversation ahead in its queue by a
 * fixed head start ({@link RoutingPolicy#headStart}), as if it had arrived that much earlier: within one priority the
 * queue is strictly first-in-first-out, a higher priority overtakes only conversations that have waited less than
 * its head start, and anything that has waited longer than every head start is never overtaken (no starvation).
 */
public enum Priority {
    NORMAL,
    /** A user came back to a recently closed conversation. */
    REOPENED,
    /** A VIP contact. */
    VIP,
    /** Flagged urgent: an outage report, a security case. */
    URGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
