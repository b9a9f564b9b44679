package org.otklik.server.security;

import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Signs agents into the workspace with their login and password; the session then holds an {@link AgentIdentity}. */
@Component
class AgentPasswordAuthentication implements AuthenticationProvider {

    private final AgentManagement agents;

    AgentPasswordAuthentication(AgentManagement agents) {
        this.agents = agents;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = authentication.getName();
        Object credentials = authentication.getCredentials();
        AgentIdentity agent = agents.authenticate(login, credentials == null ? null : credentials.toString())
                .orElseThrow(() -> new BadCredentialsException("wrong login or password"));
        return UsernamePasswordAuthenticationToken.authenticated(agent, null, Authorities.of(agent));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
