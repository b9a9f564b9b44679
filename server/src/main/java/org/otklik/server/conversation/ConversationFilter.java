package org.otklik.server.conversation;

import java.util.Set;
import org.otklik.engine.lifecycle.ConversationStatus;

/**
 * Which conversations to list, newest first.
 *
 * @param visibleDepartments when not null, only conversations of these departments or held by {@code visibleAgent}
 * @param visibleAgent       see above; null for no such extension
 */
public record ConversationFilter(ConversationStatus status, String department, String channelId, Long assigneeId,
                                 Set<String> visibleDepartments, Long visibleAgent, int limit) {
}
