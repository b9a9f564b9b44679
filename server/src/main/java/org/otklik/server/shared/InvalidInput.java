package org.otklik.server.shared;

/** Input that breaks a rule; names the offending field (HTTP 400). */
public final class InvalidInput extends OtklikException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
