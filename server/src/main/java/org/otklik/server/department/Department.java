package org.otklik.server.department;

/** A support department: one queue, and one skill an agent can have. {@code code} is the stable key used in APIs. */
public record Department(String code, String name) {
}
