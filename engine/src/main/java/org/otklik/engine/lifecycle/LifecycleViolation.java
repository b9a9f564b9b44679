package org.otklik.engine.lifecycle;

/** A step that the conversation's current state does not allow (e.g. confirming what was never proposed). */
public final class LifecycleViolation extends RuntimeException {

    private final ConversationStatus status;

    public LifecycleViolation(ConversationStatus status, String message) {
        super(message);
        this.status = status;
    }

    public ConversationStatus status() {
        return status;
    }
}
