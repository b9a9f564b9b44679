package org.otklik.server.escalation;

import java.util.Arrays;
import org.otklik.server.shared.InvalidInput;

/** Whom a conversation is escalated to; PR and developers get a read-only share, the lead an e-mail. */
enum Target {
    LEAD("lead", "руководителю отдела"),
    PR("pr", "PR"),
    DEVELOPERS("developers", "разработчикам");

    private final String wire;
    private final String dative;

    Target(String wire, String dative) {
        this.wire = wire;
        this.dative = dative;
    }

    String wire() {
        return wire;
    }

    /** "to whom" in Russian, for the e-mails. */
    String dative() {
        return dative;
    }

    boolean shares() {
        return this != LEAD;
    }

    static Target of(String wire) {
        if (wire == null || wire.isBlank()) {
            throw new InvalidInput("to", "to is required: lead, pr or developers");
        }
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire.strip())).findFirst()
                .orElseThrow(() -> new InvalidInput("to", "to must be lead, pr or developers"));
    }
}
