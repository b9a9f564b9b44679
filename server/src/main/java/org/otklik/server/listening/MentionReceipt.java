package org.otklik.server.listening;

import java.util.List;

/**
 * What {@code POST /api/v1/mentions} answers.
 *
 * @param mentionId null when the post matched no stream (nothing is stored)
 */
public record MentionReceipt(Long mentionId, boolean duplicate, List<String> streams, String kind,
                             boolean actionable) {
}
