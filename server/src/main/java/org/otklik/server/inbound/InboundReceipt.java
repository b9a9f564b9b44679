package org.otklik.server.inbound;

/**
 * The answer to an inbound message: where it was stored, whether it was a repeat, and what happens next.
 *
 * @param status the conversation's status ({@code waiting}, {@code assigned}, ...)
 * @param queue  the queue position while waiting, else null
 */
public record InboundReceipt(long conversationId, long messageId, boolean duplicate, String status, QueueInfo queue) {
}
