package org.otklik.server.listening;

import java.time.Instant;
import java.util.List;

/** A saved keyword stream as stored. */
public record ListeningStream(String id, String name, List<String> terms, List<String> exclude, Instant updatedAt) {
}
