package org.otklik.server.cannedreply;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.otklik.server.shared.InvalidInput;

/** Fills {@code {{name}}} and {@code {{name|default}}} placeholders of a canned reply. */
public final class ReplyTemplate {

    /** The variables an agent's workspace can fill in. */
    public static final Set<String> VARIABLES = Set.of("contact.name", "agent.name", "conversation.id",
            "department.name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z.]+)\\s*(?:\\|([^}]*))?}}");

    private ReplyTemplate() {
    }

    /** Fails with {@link InvalidInput} on {@code field} if the text uses a variable nobody can fill. */
    public static void check(String text, String field) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!VARIABLES.contains(m.group(1))) {
                throw new InvalidInput(field, "unknown variable {{" + m.group(1) + "}}; known: " + VARIABLES);
            }
        }
    }

    /** The text with each placeholder replaced by its value, else its default, else nothing. */
    public static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                value = m.group(2) == null ? "" : m.group(2).strip();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
