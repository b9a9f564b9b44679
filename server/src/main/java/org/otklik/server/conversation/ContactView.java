package org.otklik.server.conversation;

import java.util.List;

/**
 * A contact and the person it belongs to: the other contacts merged with it (one person writing from several
 * channels), each with its conversations.
 *
 * @param groupId the id of the group's first contact (this contact's own id when it is not merged)
 */
public record ContactView(long id, String channelId, String externalId, String name, boolean vip, String email,
                          String phone, long groupId, List<Linked> samePerson) {

    /** Another contact of the same person, and its conversations (newest first). */
    public record Linked(long id, String channelId, String externalId, String name, List<Long> conversations) {
    }
}
