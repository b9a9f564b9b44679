package org.otklik.engine.lifecycle;

import java.util.Locale;

/** Why a conversation closed. Confirmed and automatic closes are counted apart in every report. */
public enum CloseReason {
    /** The user confirmed the proposed resolution. */
    CONFIRMED,
    /** The user did not answer a proposed resolution in time. */
    AUTO_CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CloseReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
