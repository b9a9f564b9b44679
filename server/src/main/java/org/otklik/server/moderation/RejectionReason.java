package org.otklik.server.moderation;

import java.time.Instant;

/**
 * A rejection reason template: {@code text} may hold {@link ReasonText#PLACEHOLDERS} such as {@code {title}}; only
 * active ones are offered to moderators.
 */
public record RejectionReason(String key, String title, String text, boolean active, Instant updatedAt) {
}
