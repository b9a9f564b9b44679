/**
 * The agents' desk: the REST API agents and their tools call, and the web workspace (Thymeleaf + htmx, live updates
 * over server-sent events) where agents go online, take conversations, answer step by step and propose resolutions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent desk")
package org.otklik.server.agentdesk;
