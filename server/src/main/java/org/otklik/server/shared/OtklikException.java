package org.otklik.server.shared;

/** A request Otklik refuses for a reason the caller can act on. Mapped to an HTTP status by {@link ApiErrors}. */
public abstract sealed class OtklikException extends RuntimeException
        permits InvalidInput, NotFound, NotAllowed, StateConflict {

    protected OtklikException(String message) {
        super(message);
    }
}
