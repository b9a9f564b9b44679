package org.otklik.server.conversation;

import java.time.Instant;

/** The assigned agent answered one step; {@code firstReply} for the first answer since the conversation (re)opened. */
public record ReplySent(long conversationId, long messageId, long agentId, String department, String channelId,
                        boolean firstReply, Instant at) {
}
