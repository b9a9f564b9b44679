package org.otklik.server.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultMaxChats parallel chats for a new agent when none is given (new agents often start at 2)
 * @param tokenTtl        how long an API token from {@code POST /api/v1/auth/token} stays valid
 */
@ConfigurationProperties("otklik.agents")
public record AgentProperties(Integer defaultMaxChats, Duration tokenTtl) {

    public AgentProperties {
        defaultMaxChats = defaultMaxChats == null ? 4 : defaultMaxChats;
        tokenTtl = tokenTtl == null ? Duration.ofHours(12) : tokenTtl;
    }
}
