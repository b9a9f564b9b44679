package org.otklik.server.cannedreply;

import java.time.Instant;
import java.util.List;

/**
 * A prepared answer; {@code department} null means it is offered in every department.
 *
 * @param purpose the situation it is suggested in: {@code profanity} (a polite answer to swearing),
 *                {@code move_to_private} (a public text whose answer needs the user's data), {@code faq} (an answer
 *                the FAQ may send by itself); null for none
 */
public record CannedReply(long id, String title, String body, String department, String purpose, Instant updatedAt) {

    public static final List<String> PURPOSES = List.of("profanity", "move_to_private", "faq");
}
