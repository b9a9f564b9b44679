/**
 * Escalations: an agent escalates a conversation to the department lead (an e-mail), or shares it read-only with PR
 * or developers (an unguessable, expiring, revocable link e-mailed with the agent's note); every escalation is a
 * timeline event. Feature requests: agents tag conversations with a topic (a rule-based detector suggests the tag),
 * and the product team gets a monthly summary grouped by topic.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Escalation")
package org.otklik.server.escalation;
