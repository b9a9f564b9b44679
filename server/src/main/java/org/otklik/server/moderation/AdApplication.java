package org.otklik.server.moderation;

import java.time.Instant;

/**
 * An advertisement application as moderators and the ad platform see it. Every text in it comes from the advertiser
 * and is hostile until shown escaped.
 *
 * @param status     {@code pending}, {@code approved} or {@code rejected}
 * @param reasonText the rejection text as sent to the advertiser (the template rendered, the comment appended)
 * @param updatedAt  the last change (submitted or decided): what {@code since=} compares
 */
public record AdApplication(long id, String channelId, String externalId, String advertiserId, String advertiserName,
                            String title, String text, String landingUrl, String imageUrl, Instant submittedAt,
                            String status, Long decidedBy, Instant decidedAt, String reasonKey, String reasonText,
                            String comment, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
