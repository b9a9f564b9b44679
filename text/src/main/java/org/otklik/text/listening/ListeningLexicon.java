package org.otklik.text.listening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import org.otklik.text.LabelledText;
import org.otklik.text.TriageData;

/**
 * What the matcher knows of the language: which words are ordinary words (so a term that is one of them needs
 * evidence that the brand is meant), which words show that a service is meant, and which Cyrillic words are real
 * Russian words (a real word is never read as a misspelt brand: «индекс» is not «Яндекс» with a typo).
 *
 * <p>The Russian word forms come from LanguageTool's Russian morphological dictionary (aot.ru, LGPL-2.1) and its
 * common-word list; the service-name senses and the context cues are Otklik's own lists in this package.
 */
public final class ListeningLexicon {

    private static final String LANGUAGETOOL = "/org/languagetool/resource/ru/";
    private static volatile ListeningLexicon shared;

    private final Set<String> commonWords = new HashSet<>();
    private final Set<String> commonStems = new HashSet<>();
    private final Set<String> cueStems = new HashSet<>();
    private final FuzzyIndex commonMisspellings = new FuzzyIndex();
    private final Dictionary dictionary;
    private final ThreadLocal<DictionaryLookup> lookups;
    private volatile Map<String, Integer> stemFrequencies;

    private ListeningLexicon() {
        URL dict = ListeningLexicon.class.getResource(LANGUAGETOOL + "russian.dict");
        if (dict == null) {
            throw new IllegalStateException("LanguageTool's Russian dictionary is not on the class path");
        }
        try {
            dictionary = Dictionary.read(dict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lookups = ThreadLocal.withInitial(() -> new DictionaryLookup(dictionary));
        Stems stems = new Stems();
        Consumer<String> common = word -> {
            String normal = Words.normalizeWord(word);
            if (normal.length() >= 2) {
                commonWords.add(normal);
                String stem = stems.stem(normal);
                commonStems.add(stem);
                commonMisspellings.add(stem);
            }
        };
        lines(ListeningLexicon.class.getResourceAsStream(LANGUAGETOOL + "common_words.txt"), common);
        lines(ListeningLexicon.class.getResourceAsStream("common-senses.txt"), common);
        lines(ListeningLexicon.class.getResourceAsStream("context-cues.txt"),
                word -> cueStems.add(stems.stem(Words.normalizeWord(word))));
    }

    public static ListeningLexicon shared() {
        ListeningLexicon lexicon = shared;
        if (lexicon == null) {
            synchronized (ListeningLexicon.class) {
                if (shared == null) {
                    shared = new ListeningLexicon();
                }
                lexicon = shared;
            }
        }
        return lexicon;
    }

    /** An ordinary word (normalised surface form or its stem): as a term it needs evidence of the brand sense. */
    public boolean isCommon(String normalized, String stem) {
        return normalized.length() >= 2 && (commonWords.contains(normalized) || commonStems.contains(stem));
    }

    /** Stems of ordinary words. */
    public Set<String> commonStems() {
        return commonStems;
    }

    /** A name one letter away from an ordinary word («Однокласники»): as ambiguous as the word itself. */
    public boolean isNearCommon(String stem) {
        return !commonMisspellings.near(stem).isEmpty();
    }

    /**
     * How often each stem occurs in the bundled labelled texts (7,000 social-media posts and messages): Monitor's
     * presearcher files a query under its rarest words, so «банк» in «Т-Банк» is not what it is looked up by.
     */
    public Map<String, Integer> stemFrequencies() {
        Map<String, Integer> frequencies = stemFrequencies;
        if (frequencies == null) {
            synchronized (this) {
                if (stemFrequencies == null) {
                    Map<String, Integer> counts = new HashMap<>();
                    Stems stems = new Stems();
                    for (LabelledText t : TriageData.bundled()) {
                        for (Words.Word w : Words.read(t.text(), stems)) {
                            for (Words.Part p : w.parts()) {
                                counts.merge(p.stems().getFirst(), 1, Integer::sum);
                            }
                        }
                    }
                    stemFrequencies = Map.copyOf(counts);
                }
                frequencies = stemFrequencies;
            }
        }
        return frequencies;
    }

    /** Stems of words that show a service is meant. */
    public Set<String> cueStems() {
        return cueStems;
    }

    /** True when a normalised Cyrillic word is a form of a word in the Russian dictionary. */
    public boolean isRussianWord(String normalized) {
        return !lookups.get().lookup(normalized).isEmpty();
    }

    private static void lines(InputStream in, Consumer<String> each) {
        if (in == null) {
            throw new IllegalStateException("a listening lexicon file is missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String content = comment >= 0 ? line.substring(0, comment) : line;
                for (String word : content.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        each.accept(word);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
