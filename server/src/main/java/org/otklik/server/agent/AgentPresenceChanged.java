package org.otklik.server.agent;

import java.time.Instant;
import org.otklik.engine.routing.Presence;

/** An agent went online, away or offline. */
public record AgentPresenceChanged(long agentId, Presence presence, Instant at) {
}
