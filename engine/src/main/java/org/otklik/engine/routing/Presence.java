package org.otklik.engine.routing;

import java.util.Locale;

/** Whether an agent takes new conversations. Only {@link #ONLINE} agents are assigned anything. */
public enum Presence {
    ONLINE, AWAY, OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Presence fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
