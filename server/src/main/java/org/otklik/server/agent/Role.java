package org.otklik.server.agent;

import java.util.Arrays;
import java.util.Locale;
import org.otklik.server.shared.InvalidInput;

/** What a person may do: agents work their departments' conversations; admins also manage agents and channels. */
public enum Role {
    AGENT, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value, String field) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput(field, field + " must be agent or admin"));
    }
}
