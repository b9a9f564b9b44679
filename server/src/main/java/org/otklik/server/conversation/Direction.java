package org.otklik.server.conversation;

import java.util.Locale;

/** {@code in}: from the user; {@code out}: from us (an agent or the system) to the user. */
public enum Direction {
    IN, OUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
