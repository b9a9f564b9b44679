package org.otklik.server.cannedreply;

import java.time.Instant;

/** A prepared answer; {@code department} null means it is offered in every department. */
public record CannedReply(long id, String title, String body, String department, Instant updatedAt) {
}
