package org.otklik.server.moderation;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.otklik.server.shared.InvalidInput;

/** Fills {@code {title}}, {@code {advertiser}} and {@code {url}} in a rejection reason's text. */
final class ReasonText {

    static final Set<String> PLACEHOLDERS = Set.of("title", "advertiser", "url");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private ReasonText() {
    }

    /** Fails with {@link InvalidInput} on {@code field} if the text names a placeholder nothing fills. */
    static void check(String text, String field) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new InvalidInput(field, "unknown placeholder {" + m.group(1) + "}; known: "
                        + PLACEHOLDERS.stream().sorted().toList());
            }
        }
    }

    /** The text for this application, with the moderator's comment (if any) after a blank line. */
    static String render(String template, AdApplication application, String comment) {
        String advertiser = application.advertiserName() == null ? application.advertiserId()
                : application.advertiserName();
        Map<String, String> values = Map.of("title", application.title(), "advertiser", advertiser,
                "url", application.landingUrl());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // an unknown name stays as written: a template saved before a placeholder was retired still renders
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return comment == null ? out.toString() : out + "\n\n" + comment;
    }
}
