/**
 * Routing: department queues, agents' chat slots and who takes which waiting conversation. Runs the engine's
 * {@code Router} on one dispatcher thread, fed by conversation and agent events after they commit; rebuilds its state
 * from the database at start and whenever a write fails.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package org.otklik.server.routing;
