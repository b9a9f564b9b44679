/**
 * Agents and admins: who they are, how they sign in (password, API token), their skills (departments), their cap on
 * parallel chats and their presence. Announces presence and routing changes as events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agents")
package org.otklik.server.agent;
