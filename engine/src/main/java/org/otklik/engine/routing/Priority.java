package org.otklik.engine.routing;

import java.util.Locale;

/** Queue priority; a higher rank is served first, and within one rank strictly first-in-first-out. */
public enum Priority {
    NORMAL(0),
    /** A user came back to a recently closed conversation: they should not wait behind newcomers. */
    REOPENED(1);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
