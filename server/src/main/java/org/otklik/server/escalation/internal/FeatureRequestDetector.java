package org.otklik.server.escalation.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggests that a user's message asks for a feature, by phrases people use for it in Russian and English ("добавьте",
 * "сделайте возможность", "было бы здорово", "хотелось бы, чтобы", "please add", "feature request"). It only
 * suggests: the agent decides. Phrases that look alike but ask for help ("добавьте меня", "сделайте что-нибудь, не
 * работает") are left out on purpose: a wrong suggestion on every complaint would teach agents to ignore it.
 */
public final class FeatureRequestDetector {

    private static final List<Pattern> PHRASES = List.of(
            // "добавьте тёмную тему", "добавьте уже оплату через СБП", not "добавьте меня в чат"
            re("\\bдобав(ьте|ь)\\b(?!\\s+(меня|нас|его|ее|их|в\\s+(друзья|чат|группу)))"),
            re("\\bсделайте\\b[^.!?]{0,20}\\b(возможност|функци|опци|режим|кнопк|настройк|так,?\\s+чтобы"
                    + "|чтобы\\s+можно)"),
            re("\\bбыло\\s+бы\\s+(здорово|круто|классно|супер|замечательно)"),
            // "было бы удобно, если бы...", not "было бы удобно созвониться?"
            re("\\bбыло\\s+бы\\s+(удобно|хорошо|неплохо|полезно),?\\s+(если|чтобы)"),
            re("\\bхотел(ось|а|и)?\\s+бы,?\\s+чтобы"),
            re("\\b(предлагаю|прошу|можно\\s+ли|можете|могли\\s+бы\\s+вы|планируете\\s+ли|не\\s+планируете"
                    + "\\s+ли)\\b[^.!?]{0,30}\\b(добавить|сделать\\s+возможность|ввести|внедрить|реализовать)"),
            re("\\bне\\s+хватает\\s+(функци|возможност|кнопк|настройк|режим|опци|темн)"),
            // "когда добавите экспорт?", not "когда будет возврат?"
            re("\\bкогда\\s+(добавите|сделаете|появится\\s+(возможност|функци|опци|режим))"),
            re("\\b(please|pls|could\\s+you|can\\s+you)\\s+(add|implement|support)\\b"),
            re("\\bfeature\\s+(request|suggestion)"),
            re("\\bit\\s+would\\s+be\\s+(great|nice|awesome|helpful)\\s+(if|to)\\b"),
            re("\\b(i|we)\\s+wish\\s+(you|there|i|we|it)\\b"),
            re("\\bwould\\s+love\\s+(to\\s+see|a|an)\\b"));

    private FeatureRequestDetector() {
    }

    /** Word boundaries for Cyrillic too (without the flag {@code \\b} knows only ASCII letters). */
    private static Pattern re(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The phrase that makes the text look like a feature request, as written, if any. */
    public static Optional<String> phrase(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normal = normalise(text);
        for (Pattern p : PHRASES) {
            Matcher m = p.matcher(normal);
            if (m.find()) {
                return Optional.of(normal.substring(m.start(), m.end()).strip());
            }
        }
        return Optional.empty();
    }

    /** Lower case, ё as е, single spaces: how people actually type (or do not) is not a signal. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ");
    }
}
