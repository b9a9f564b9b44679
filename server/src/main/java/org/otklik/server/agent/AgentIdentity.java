package org.otklik.server.agent;

import java.io.Serializable;

/** The signed-in person behind a request (session or API token). Skills and caps are looked up fresh, not cached. */
public record AgentIdentity(long id, String login, String displayName, Role role) implements Serializable {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
