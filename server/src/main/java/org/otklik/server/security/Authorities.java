package org.otklik.server.security;

import java.util.List;
import org.otklik.server.agent.AgentIdentity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Roles as Spring Security authorities. An admin can also work as an agent. */
final class Authorities {

    static final GrantedAuthority AGENT = new SimpleGrantedAuthority("ROLE_AGENT");
    static final GrantedAuthority ADMIN = new SimpleGrantedAuthority("ROLE_ADMIN");
    static final GrantedAuthority CHANNEL = new SimpleGrantedAuthority("ROLE_CHANNEL");

    private Authorities() {
    }

    static List<GrantedAuthority> of(AgentIdentity agent) {
        return agent.isAdmin() ? List.of(AGENT, ADMIN) : List.of(AGENT);
    }
}
