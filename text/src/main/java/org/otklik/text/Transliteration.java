package org.otklik.text;

/**
 * Russian typed in Latin letters ("ne mogu zaiti v profil", "spasibo", "blyat") turned back into Cyrillic, so that it
 * meets the same stems, lexicons and n-grams as Cyrillic text. Greedy longest-match over the usual informal schemes.
 */
public final class Transliteration {

    private static final String[][] RULES = {
            {"shch", "щ"}, {"sch", "щ"}, {"yo", "е"}, {"jo", "е"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"},
            {"ch", "ч"}, {"sh", "ш"}, {"yu", "ю"}, {"ju", "ю"}, {"ya", "я"}, {"ja", "я"}, {"ye", "е"}, {"je", "е"},
            {"iy", "ий"}, {"yy", "ый"}, {"'", "ь"}, {"a", "а"}, {"b", "б"}, {"v", "в"}, {"w", "в"}, {"g", "г"},
            {"d", "д"}, {"e", "е"}, {"z", "з"}, {"i", "и"}, {"j", "й"}, {"k", "к"}, {"l", "л"}, {"m", "м"},
            {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"},
            {"h", "х"}, {"x", "х"}, {"c", "ц"}, {"y", "ы"}, {"q", "к"}};

    private Transliteration() {
    }

    /** The Cyrillic reading of a word made of Latin letters; other characters pass through. */
    public static String toCyrillic(String word) {
        StringBuilder out = new StringBuilder(word.length());
        int i = 0;
        outer:
        while (i < word.length()) {
            for (String[] rule : RULES) {
                if (word.startsWith(rule[0], i)) {
                    out.append(rule[1]);
                    i += rule[0].length();
                    continue outer;
                }
            }
            out.append(word.charAt(i));
            i++;
        }
        String result = out.toString();
        // a final "y" after a consonant is usually "ы" ("zaity" is rare); a final "ij"/"yj" is "ий"/"ый"
        return result.endsWith("ыи") ? result.substring(0, result.length() - 2) + "ый" : result;
    }

    /** True when the word is written only in Latin letters (and masks), so it may be Russian in transliteration. */
    public static boolean isLatinWord(String word) {
        boolean letter = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!Normalizer.isMask(c) && c != '\'') {
                return false;
            }
        }
        return letter;
    }
}
