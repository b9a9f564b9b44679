package org.otklik.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.channel.ChannelIdentity;
import org.otklik.server.channel.ChannelManagement;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}: an agent's API token (principal {@link AgentIdentity}) or a
 * channel's token (principal {@link ChannelIdentity}). A token that matches nothing is refused at once with 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final AgentManagement agents;
    private final ChannelManagement channels;

    BearerTokenFilter(AgentManagement agents, ChannelManagement channels) {
        this.agents = agents;
        this.channels = channels;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            JsonErrors.write(response, 401, "use Authorization: Bearer <token>");
            return;
        }
        String token = header.substring(7).strip();
        Optional<AgentIdentity> agent = agents.identityByToken(token);
        UsernamePasswordAuthenticationToken authentication;
        if (agent.isPresent()) {
            authentication = UsernamePasswordAuthenticationToken.authenticated(agent.get(), null,
                    Authorities.of(agent.get()));
        } else {
            Optional<ChannelIdentity> channel = channels.authenticate(token);
            if (channel.isEmpty()) {
                JsonErrors.write(response, 401, "invalid or expired token");
                return;
            }
            authentication = UsernamePasswordAuthenticationToken.authenticated(channel.get(), null,
                    List.of(Authorities.CHANNEL));
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
