package org.otklik.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the command line: 0, 30s, 5m, 2h. */
final class CliDurations {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private CliDurations() {
    }

    static Duration parse(String text, String option) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches() || (m.group(2) == null && !m.group(1).equals("0"))) {
            throw new Otklik.UsageError(option + " must be a duration like 30s, 2m or 0, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null ? Duration.ZERO : switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
