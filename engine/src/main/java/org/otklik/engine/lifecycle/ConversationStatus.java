package org.otklik.engine.lifecycle;

import java.util.Locale;

/** Where a conversation stands in its life. The wire form (JSON, database) is the lower-case name. */
public enum ConversationStatus {
    /** In a department queue, nobody holds it yet. */
    WAITING,
    /** An agent holds it and owes the user the next step. */
    ASSIGNED,
    /** The agent answered; the next step is the user's. */
    AWAITING_USER,
    /** The agent believes the problem is solved and asked the user to confirm. */
    RESOLUTION_PROPOSED,
    /** Done: confirmed by the user, or closed automatically after a proposal went unanswered. */
    CLOSED;

    /** True while an agent holds the conversation, i.e. it occupies one of the agent's chat slots. */
    public boolean occupiesAgent() {
        return this == ASSIGNED || this == AWAITING_USER || this == RESOLUTION_PROPOSED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
