package org.otklik.server.agent;

import java.time.Instant;

/** An API token just issued; stored only as a hash, so this is the one time it is seen in clear. */
public record IssuedToken(String token, Instant expiresAt) {
}
