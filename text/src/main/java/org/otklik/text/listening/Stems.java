package org.otklik.text.listening;

import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/** Snowball stems (Lucene's Russian and English stemmers) of normalised words; one instance per thread. */
final class Stems {

    private final RussianStemmer russian = new RussianStemmer();
    private final EnglishStemmer english = new EnglishStemmer();

    String stem(String normalized) {
        if (normalized.isEmpty() || !Character.isLetter(normalized.charAt(0))
                && !Character.isLetter(normalized.charAt(normalized.length() - 1))) {
            return normalized;
        }
        if (Words.hasCyrillic(normalized)) {
            russian.setCurrent(normalized);
            russian.stem();
            return guarded(normalized, russian.getCurrent());
        }
        if (Words.isLatin(normalized)) {
            english.setCurrent(normalized);
            english.stem();
            return guarded(normalized, english.getCurrent());
        }
        return normalized;
    }

    /** A stem of one or two letters from a longer word («маил» -> «ма») says nothing: keep the word. */
    private static String guarded(String word, String stem) {
        return stem.length() < 3 && word.length() >= 4 ? word : stem;
    }
}
