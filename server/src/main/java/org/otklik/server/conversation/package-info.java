/**
 * Conversations and their messages: every inbound message lands here exactly once, in the right conversation, and every
 * step of the lifecycle (queued, assigned, reply sent, resolution proposed, closed, reopened) is stored with its event.
 * The rules themselves live in the engine's {@code Lifecycle}; this module applies them to the database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Conversations")
package org.otklik.server.conversation;
