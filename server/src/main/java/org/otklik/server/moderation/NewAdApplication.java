package org.otklik.server.moderation;

/** What the ad platform submits; checked by {@link AdModeration#submit}. */
public record NewAdApplication(String externalId, String advertiserId, String advertiserName, String title,
                               String text, String landingUrl, String imageUrl) {
}
