package org.otklik.server.shared;

/** The step is valid in general but not in the current state, e.g. rating an open conversation (HTTP 409). */
public final class StateConflict extends OtklikException {

    public StateConflict(String message) {
        super(message);
    }
}
