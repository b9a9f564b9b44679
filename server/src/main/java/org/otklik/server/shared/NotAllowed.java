package org.otklik.server.shared;

/** The caller is known but may not do this (HTTP 403). */
public final class NotAllowed extends OtklikException {

    public NotAllowed(String message) {
        super(message);
    }
}
