package org.otklik.server.agent;

import java.util.Set;

/** What it takes to create an agent; {@code maxChats} null means the configured default. */
public record NewAgent(String login, String displayName, String password, Role role, Set<String> skills,
                       Integer maxChats) {
}
