package org.otklik.server.conversation;

import java.time.Instant;

/** The FAQ answered a new conversation by itself; the user is asked whether it helped. */
public record ConversationAutoAnswered(long conversationId, long replyId, String department, String channelId,
                                       Instant at) {
}
