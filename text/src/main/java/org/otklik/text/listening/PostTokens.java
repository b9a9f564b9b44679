package org.otklik.text.listening;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.otklik.text.Transliteration;

/**
 * The tokens of a post for the stream queries: one position per word, holding the stems of the word (and, for a
 * word of several parts, the stems of the whole and of each part); the stream names the word is a misspelt,
 * derived or clipped form of ({@code ~stem}); and copies marked with the word's evidence of being a name: a hashtag
 * or link ({@code #}), a capital letter inside a sentence or quotes ({@code ^}), a locative after «в/на»
 * ({@code @}). The domain of an e-mail address is one token {@code @@domain} and nothing else.
 */
final class PostTokens {

    private final Stems stems;
    private final ListeningLexicon lexicon;
    private final FuzzyIndex fuzzy;
    private final NameForms forms;

    PostTokens(Stems stems, ListeningLexicon lexicon, FuzzyIndex fuzzy, NameForms forms) {
        this.stems = stems;
        this.lexicon = lexicon;
        this.fuzzy = fuzzy;
        this.forms = forms;
    }

    /** The positions of a post, each a set of tokens. */
    List<Set<String>> of(String text) {
        List<Words.Word> words = Words.read(text, stems);
        List<Set<String>> positions = new ArrayList<>(words.size());
        for (Words.Word word : words) {
            if (word.email()) {
                positions.add(Set.of(StreamQueries.EMAIL + word.compound()));
                continue;
            }
            Set<String> at = new LinkedHashSet<>();
            if (word.compound() != null) {
                at.addAll(Words.part(word.compound(), stems).stems());
            }
            for (Words.Part part : word.parts()) {
                at.addAll(part.stems());
            }
            for (Words.Part part : word.parts()) {
                variants(part.normalized(), part.latin(), part.stems().getFirst(), at);
            }
            if (word.compound() != null) {
                variants(word.compound(), Words.isLatin(word.compound()), stems.stem(word.compound()), at);
            }
            List<String> tokens = List.copyOf(at);
            for (String t : tokens) {
                if (lexicon.cueStems().contains(t)) {
                    at.add(StreamQueries.CUE);
                    break;
                }
            }
            if (word.nameEvidence()) {
                tokens.forEach(t -> at.add(StreamQueries.NAME + t));
            }
            if (word.strongEvidence()) {
                tokens.forEach(t -> at.add(StreamQueries.STRONG + t));
            }
            if (word.placePreposition() != null && placeNameLike(word.placePreposition(), word.parts().getLast())) {
                tokens.forEach(t -> at.add(StreamQueries.PLACE + t));
            }
            positions.add(at);
        }
        return positions;
    }

    /**
     * «в Одноклассниках», «в телеге», «на мейле» read as a service: after «в/во», or a plural, or a word that is no
     * Russian noun of its own; «на телеге» is a cart.
     */
    private boolean placeNameLike(String preposition, Words.Part part) {
        String n = part.normalized();
        return !preposition.equals("на") || n.endsWith("ах") || n.endsWith("ях") || !realWord(n, part.latin());
    }

    private void variants(String normalized, boolean latin, String stem, Set<String> at) {
        Set<String> near = fuzzy.nearCanonical(stem);
        Set<String> derived = forms.of(normalized, stem);
        if (near.isEmpty() && derived.isEmpty() || realWord(normalized, latin)) {
            return;
        }
        near.forEach(t -> at.add(StreamQueries.FUZZY + t));
        derived.forEach(t -> at.add(StreamQueries.FUZZY + t));
    }

    private boolean realWord(String normalized, boolean latin) {
        if (latin) {
            return lexicon.isRussianWord(Transliteration.toCyrillic(normalized));
        }
        return Words.hasCyrillic(normalized) && lexicon.isRussianWord(normalized);
    }

    /** A Lucene token stream over positions made by {@link #of}. */
    static TokenStream stream(List<Set<String>> positions) {
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
            private int position = 0;
            private Iterator<String> current = null;
            private boolean first = true;

            @Override
            public boolean incrementToken() {
                while (current == null || !current.hasNext()) {
                    if (position >= positions.size()) {
                        return false;
                    }
                    current = positions.get(position++).iterator();
                    first = true;
                }
                clearAttributes();
                term.append(current.next());
                increment.setPositionIncrement(first ? 1 : 0);
                first = false;
                return true;
            }

            @Override
            public void reset() throws IOException {
                super.reset();
                position = 0;
                current = null;
                first = true;
            }
        };
    }
}
