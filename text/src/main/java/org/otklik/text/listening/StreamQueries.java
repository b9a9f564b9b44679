package org.otklik.text.listening;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a stream's terms, written as a person writes them, into Lucene span queries over the tokens
 * {@link PostTokens} makes of a post. A term matches:
 * <ul>
 *   <li>as written, in any inflected form (stems of its likely case forms), Latin terms also in Cyrillic (letter by
 *       letter, or read the English way: «Mail» -> «мейл»), longer names also misspelt by one letter, diminutives,
 *       adjectives, clipped forms and Turkic case forms ({@link NameForms});</li>
 *   <li>written together or as a hashtag («#яндексмузыка»), a name of two words also as «Музыка от Яндекса»;</li>
 *   <li>a dotted or CamelCase name («Я.Музыка», «ЯМузыка») as one word; a domain as a link or a bare domain, a
 *       second-level domain also by its name alone («на мейле» for Mail.ru);</li>
 *   <li>when every word of the term is an ordinary word («Одноклассники», «ОК», «мейл»), only with evidence that
 *       the name is meant: a capital letter inside a sentence or quotes («ОК» and other words of three letters or
 *       fewer: only a hashtag or link), «в/на» + a locative that is not a Russian word of its own («на мейле»,
 *       «в Одноклассниках»), or a word about a service within four words («зайти в ок»).</li>
 * </ul>
 * Exclude phrases are matched by stems and suppress every term of their stream; an exclude phrase written as
 * «@domain» suppresses posts with an e-mail address at that domain.
 */
final class StreamQueries {

    static final String FIELD = "w";
    static final String STRONG = "#";
    static final String NAME = "^";
    static final String PLACE = "@";
    static final String FUZZY = "~";
    static final String EMAIL = "@@";
    /** Stands at every word about a service (see context-cues.txt). */
    static final String CUE = "!cue";
    static final int CUE_WINDOW = 4;

    private static final Set<String> TLDS = Set.of("ru", "com", "net", "org", "io", "me", "рф", "ру", "ком", "su",
            "by", "kz", "ua", "app", "tv", "online", "рус");

    private final Stems stems;
    private final ListeningLexicon lexicon;
    private final FuzzyIndex fuzzy;
    private final NameForms forms;
    private final SpanQuery cues = new SpanTermQuery(new Term(FIELD, CUE));

    StreamQueries(Stems stems, ListeningLexicon lexicon, FuzzyIndex fuzzy, NameForms forms) {
        this.stems = stems;
        this.lexicon = lexicon;
        this.fuzzy = fuzzy;
        this.forms = forms;
    }

    /**
     * One position of a shape: its tokens, whether they are all ordinary words, and whether the word is short
     * (three letters or fewer: only a hashtag or link shows it is a name).
     */
    private record Position(Set<String> terms, boolean common, boolean isShort) {
    }

    /** The query for one term (null when the term has no words), with the stream's exclusions. */
    Query term(String term, List<String> exclude) {
        List<List<Position>> shapes = shapes(term, Words.read(term, stems));
        if (shapes.isEmpty()) {
            return null;
        }
        List<SpanQuery> alternatives = new ArrayList<>();
        for (List<Position> shape : shapes) {
            alternatives.add(shape.stream().allMatch(Position::common) ? withEvidence(shape) : phrase(shape));
        }
        SpanQuery match = alternatives.size() == 1 ? alternatives.getFirst()
                : new SpanOrQuery(alternatives.toArray(SpanQuery[]::new));
        if (exclude.isEmpty()) {
            return match;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(match, Occur.MUST);
        for (String phrase : exclude) {
            Query excluded = excludePhrase(phrase);
            if (excluded != null) {
                query.add(excluded, Occur.MUST_NOT);
            }
        }
        return query.build();
    }

    private List<List<Position>> shapes(String term, List<Words.Word> words) {
        List<List<Position>> shapes = new ArrayList<>();
        if (words.isEmpty()) {
            return shapes;
        }
        Words.Word only = words.getFirst();
        if (words.size() == 1 && isDomain(only)) {
            shapes.add(List.of(whole(only.compound())));
            Words.Part name = only.parts().getFirst();
            if (only.parts().size() == 2 && name.normalized().length() >= 3) {
                // the name alone («на мейле» for Mail.ru); a Latin name only in its Cyrillic readings, since
                // "Daily Mail" is not Mail.ru
                Position alone = name.latin() ? readings(name) : part(name, false);
                if (alone != null) {
                    shapes.add(List.of(alone));
                }
                // and with the zone as a word: «майл ру», "mail ru"
                Position named = part(name, false);
                Set<String> both = new LinkedHashSet<>(named.terms());
                if (alone != null) {
                    both.addAll(alone.terms());
                }
                Words.Part zone = only.parts().getLast();
                Set<String> zones = new LinkedHashSet<>(zone.stems());
                zones.add(stems.stem(org.otklik.text.Transliteration.toCyrillic(zone.normalized())));
                shapes.add(List.of(new Position(both, false, false), new Position(zones, false, true)));
            }
            return shapes;
        }
        List<Position> asWritten = new ArrayList<>();
        List<Position> expanded = new ArrayList<>();
        boolean expandable = true;
        boolean anyCompound = false;
        StringBuilder together = new StringBuilder();
        for (Words.Word word : words) {
            if (word.parts().size() == 1) {
                Position p = part(word.parts().getFirst(), isCapitals(term.substring(word.start(), word.end())));
                asWritten.add(p);
                expanded.add(p);
            } else {
                anyCompound = true;
                asWritten.add(whole(word.compound()));
                // «Яндекс.Музыка» is also «Яндекс Музыка», «Т-Банк» is not «т банк»: a one-letter part is no word
                int shortest = word.parts().stream().mapToInt(p -> p.normalized().length()).min().orElse(0);
                expandable &= shortest >= 3 || word.hyphenated() && shortest >= 2;
                word.parts().forEach(p -> expanded.add(part(p, false)));
            }
            word.parts().forEach(p -> together.append(p.normalized()));
        }
        shapes.add(asWritten);
        if (anyCompound && expandable) {
            shapes.add(expanded);
        }
        if (words.size() > 1) {
            shapes.add(List.of(whole(together.toString())));
        }
        if (words.size() == 2 && words.get(0).parts().size() == 1 && words.get(1).parts().size() == 1) {
            Position from = new Position(Set.of("от"), true, true);
            shapes.add(List.of(asWritten.get(1), from, asWritten.get(0)));
        }
        return shapes;
    }

    private static boolean isDomain(Words.Word word) {
        return word.url() || word.parts().size() >= 2 && TLDS.contains(word.parts().getLast().normalized());
    }

    private static boolean isCapitals(String written) {
        int letters = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (!Character.isUpperCase(c)) {
                    return false;
                }
            }
        }
        return letters >= 2;
    }

    /** A word of a term: its case forms' stems, Latin also read in Cyrillic; misspellings and derived forms. */
    private Position part(Words.Part part, boolean abbreviation) {
        String stem = part.stems().getFirst();
        boolean common = isCommon(part.normalized(), stem);
        Set<String> plain = new LinkedHashSet<>(caseForms(part.normalized()));
        plain.addAll(part.stems());
        if (part.latin()) {
            String cyrillic = org.otklik.text.Transliteration.toCyrillic(part.normalized());
            common |= isCommon(cyrillic, stems.stem(cyrillic));
        }
        if (part.latin()) {
            for (String reading : EnglishReading.of(part.normalized())) {
                String readingStem = stems.stem(reading);
                // a guessed reading is not declined: keep it only when the stemmer took off at most a letter
                if (readingStem.length() >= 3 && readingStem.length() >= reading.length() - 1) {
                    plain.add(readingStem);
                    forms.add(stem, reading, readingStem, false, true);
                }
            }
        }
        forms.add(stem, part.normalized(), stem, abbreviation, true);
        return position(plain, stem, common, part.normalized().length() <= 3);
    }

    /** The Cyrillic readings of a Latin word only (for a domain's name said alone); null when there is none. */
    private Position readings(Words.Part part) {
        Set<String> plain = new LinkedHashSet<>();
        boolean common = isCommon(part.normalized(), part.stems().getFirst());
        for (String reading : EnglishReading.of(part.normalized())) {
            String readingStem = stems.stem(reading);
            if (readingStem.length() >= reading.length() - 1) {
                plain.addAll(caseForms(reading));
            }
            common |= isCommon(reading, readingStem);
        }
        plain.removeIf(s -> s.length() < 3);
        return plain.isEmpty() ? null : position(plain, null, common, false);
    }

    /** A name written as one word of several parts («Я.Музыка», «СберПэй») or several words written together. */
    private Position whole(String joined) {
        Words.Part part = Words.part(joined, stems);
        String stem = part.stems().getFirst();
        forms.add(stem, joined, stem, false, false);
        return position(new LinkedHashSet<>(part.stems()), stem, isCommon(joined, stem), false);
    }

    private boolean isCommon(String normalized, String stem) {
        return lexicon.isCommon(normalized, stem)
                || FuzzyIndex.eligible(stem) && lexicon.isNearCommon(stem);
    }

    /**
     * A position of plain stems; its misspelt and derived forms are all found in a post as {@code ~canonical}, the
     * canonical being the primary stem (or the first of the plain ones).
     */
    private Position position(Set<String> plain, String primary, boolean common, boolean isShort) {
        String canonical = primary != null ? primary : plain.iterator().next();
        Set<String> terms = new LinkedHashSet<>(plain);
        for (String s : plain) {
            if (FuzzyIndex.eligible(s)) {
                fuzzy.add(s, canonical);
            }
        }
        terms.add(FUZZY + canonical);
        return new Position(terms, common, isShort);
    }

    /**
     * The stems of a Russian word's likely case forms, guessed from its ending: the stemmer reads «Телеграм» as
     * «телегр» but «в Телеграме» as «телеграм», so a term must know both.
     */
    private Set<String> caseForms(String word) {
        Set<String> out = new LinkedHashSet<>();
        out.add(stems.stem(word));
        if (word.length() < 3 || !Words.hasCyrillic(word)) {
            return out;
        }
        char last = word.charAt(word.length() - 1);
        String base = word.substring(0, word.length() - 1);
        String[] endings;
        if ("ая".indexOf(last) >= 0) {
            endings = new String[] {"а", "ы", "и", "е", "у", "ю", "ой", "ей", "ам", "ям", "ами", "ах", "ях"};
        } else if (last == 'ь' || last == 'й') {
            endings = new String[] {"я", "ю", "ем", "е", "и", "ей", "ев"};
        } else if ("оеиуыюэ".indexOf(last) >= 0) {
            // «Авито» is not declined in writing, but often in speech: «на авите», «с авиты»
            endings = word.length() >= 5 ? new String[] {"а", "у", "е", "ы"} : new String[0];
        } else {
            base = word;
            endings = new String[] {"а", "у", "ом", "е", "ы", "и", "ов", "ам", "ами", "ах", "ой"};
        }
        for (String ending : endings) {
            out.add(stems.stem(base + ending));
        }
        return out;
    }

    /** An ordinary-word term: the name written as a name on its first word, or a service word close by. */
    private SpanQuery withEvidence(List<Position> shape) {
        Position first = shape.getFirst();
        Set<String> evidence = new LinkedHashSet<>();
        for (String t : first.terms()) {
            if (first.isShort()) {
                evidence.add(STRONG + t);
            } else {
                evidence.add(NAME + t);
                evidence.add(PLACE + t);
            }
        }
        List<Position> marked = new ArrayList<>(shape);
        marked.set(0, new Position(evidence, true, first.isShort()));
        SpanQuery nearCue = new SpanNearQuery(new SpanQuery[] {phrase(shape), cues}, CUE_WINDOW, false);
        return new SpanOrQuery(phrase(marked), nearCue);
    }

    private Query excludePhrase(String phrase) {
        String trimmed = phrase.strip();
        if (trimmed.startsWith("@")) {
            StringBuilder domain = new StringBuilder();
            for (String label : trimmed.substring(1).split("\\.")) {
                domain.append(Words.normalizeWord(label));
            }
            return domain.isEmpty() ? null : new TermQuery(new Term(FIELD, EMAIL + domain));
        }
        List<Position> positions = new ArrayList<>();
        for (Words.Word word : Words.read(phrase, stems)) {
            Set<String> s = new LinkedHashSet<>(word.parts().size() == 1 ? word.parts().getFirst().stems()
                    : Words.part(word.compound(), stems).stems());
            positions.add(new Position(s, false, false));
        }
        return positions.isEmpty() ? null : phrase(positions);
    }

    private static SpanQuery phrase(List<Position> positions) {
        SpanQuery[] clauses = new SpanQuery[positions.size()];
        for (int i = 0; i < clauses.length; i++) {
            clauses[i] = anyOf(positions.get(i).terms());
        }
        return clauses.length == 1 ? clauses[0] : new SpanNearQuery(clauses, 0, true);
    }

    private static SpanQuery anyOf(Set<String> terms) {
        if (terms.size() == 1) {
            return new SpanTermQuery(new Term(FIELD, terms.iterator().next()));
        }
        return new SpanOrQuery(terms.stream().map(t -> new SpanTermQuery(new Term(FIELD, t)))
                .toArray(SpanQuery[]::new));
    }
}
