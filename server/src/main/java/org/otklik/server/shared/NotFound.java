package org.otklik.server.shared;

/** The thing asked for does not exist (HTTP 404). */
public final class NotFound extends OtklikException {

    public NotFound(String message) {
        super(message);
    }
}
