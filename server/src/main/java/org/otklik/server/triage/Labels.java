package org.otklik.server.triage;

import java.util.List;
import java.util.Map;

/**
 * What triage made of a message, or what an agent corrected it to.
 *
 * @param source where the text was written (ok_message, vk_comment, mention...), when the channel said
 */
public record Labels(String kind, String department, boolean isPrivate, boolean profanity, String outage, String lang,
                     boolean translit, Map<String, Double> confidence, String source) {

    public static final List<String> KINDS = List.of("problem", "negative_action",
            "negative_vague", "negative_outdated", "context", "praise");
    public static final List<String> OUTAGES = List.of("site", "app", "profile");
    public static final List<String> PUBLIC_SOURCES = List.of("vk_comment", "ok_comment",
            "vk_post", "telegram_channel_comment", "mention");
    public static final List<String> SOURCES = List.of("ok_message", "vk_message", "telegram",
            "email", "web_chat", "vk_comment", "ok_comment", "vk_post", "telegram_channel_comment", "mention");

    public boolean isProblem() {
        return "problem".equals(kind);
    }

    /** A public text whose answer needs the user's data: reply briefly in public and move to private messages. */
    public boolean shouldMoveToPrivate() {
        return isPrivate && source != null && PUBLIC_SOURCES.contains(source);
    }
}
