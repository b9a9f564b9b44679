package org.otklik.engine.lifecycle;

import java.util.Locale;

/** Why a conversation closed. Confirmed, automatic and abandoned closes are counted apart in every report. */
public enum CloseReason {
    /** The user confirmed the proposed resolution. */
    CONFIRMED,
    /** The user did not answer a proposed resolution in time. */
    AUTO_CLOSED,
    /** The user left while waiting, before anyone took the conversation (e.g. closed the web chat). */
    ABANDONED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CloseReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
