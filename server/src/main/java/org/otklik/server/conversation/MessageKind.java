package org.otklik.server.conversation;

import java.util.Locale;

/** What a message is: ordinary text, or one of the system's own steps shown to the user. */
public enum MessageKind {
    TEXT,
    /** "You are number N in the queue, about M minutes." */
    WAIT_NOTICE,
    /** "Is your problem solved?" - answered by a confirmation. */
    RESOLUTION_REQUEST,
    /** "Please rate our help." - answered by a CSAT score. */
    CSAT_REQUEST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
