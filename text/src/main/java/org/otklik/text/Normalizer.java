package org.otklik.text;

import java.text.Normalizer.Form;
import java.util.Locale;

/**
 * Text as people really write it, made comparable: Unicode compatibility forms, lower case, ё as е, Latin look-alike
 * letters and digits inside Cyrillic words as the Cyrillic letters they stand for ("пpивeт" with Latin p and e),
 * and letters stretched for emphasis squeezed to two ("помогиииите" -> "помогиите"). Mask characters inside words
 * ("бл*", "п***ц", "х@р") are kept: they matter to profanity and tone.
 */
public final class Normalizer {

    private static final String LATIN_LOOKALIKES = "aceopxykmthb03";
    private static final String CYRILLIC_FOR_THEM = "асеорхукмтнвоз";

    private Normalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String composed = isPlain(text) ? text : java.text.Normalizer.normalize(text, Form.NFKC);
        String lower = composed.toLowerCase(Locale.ROOT).replace('ё', 'е');
        StringBuilder out = new StringBuilder(lower.length());
        int i = 0;
        while (i < lower.length()) {
            int start = i;
            while (i < lower.length() && isWordChar(lower.charAt(i))) {
                i++;
            }
            if (i > start) {
                appendWord(out, lower, start, i);
            } else {
                out.append(lower.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String text, int from, int to) {
        int cyrillic = 0;
        int latin = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (isCyrillic(c)) {
                cyrillic++;
            } else if (c >= 'a' && c <= 'z') {
                latin++;
            }
        }
        boolean fixLookalikes = cyrillic >= 2 && cyrillic >= latin;
        char previous = 0;
        int run = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (fixLookalikes) {
                int index = LATIN_LOOKALIKES.indexOf(c);
                if (index >= 0) {
                    c = CYRILLIC_FOR_THEM.charAt(index);
                }
            }
            run = c == previous && Character.isLetter(c) ? run + 1 : 1;
            previous = c;
            if (run <= 2) {
                out.append(c);
            }
        }
    }

    /** Only ASCII and basic Cyrillic: compatibility normalisation would change nothing. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && !(c >= '\u0400' && c <= '\u045F')) {
                return false;
            }
        }
        return true;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || isMask(c) || c == '\'' || c == 'ʻ' || c == '`';
    }

    public static boolean isMask(char c) {
        return c == '*' || c == '@' || c == '#' || c == '$' || c == '%';
    }

    public static boolean isCyrillic(char c) {
        return c >= '\u0400' && c <= '\u04FF';
    }
}
