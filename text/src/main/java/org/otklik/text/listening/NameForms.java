package org.otklik.text.listening;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes a name takes beyond its case endings: diminutives and nicknames built with a suffix («озончик»,
 * «авитошка», «ВКшечка», «тгшка»), adjectives («МТСовский», «тинькоффский»), Turkic case suffixes in Kazakh and
 * Uzbek posts («Телеграмда», «Ozondan»), and clipped names («тиньк», «вайлдах» for «Вайлдберриз»). A post's word
 * counts as such a form of a stream's name only when it is not a Russian word of its own («окошко», «озонатор»).
 */
final class NameForms {

    private static final Pattern DERIVED = Pattern.compile(
            "(?:(?:ч?ик|ок|ек|ушк|юшк|ошк|ишк|ечк|очк|шечк|шк|шник|ск|вск|овск|евск|ищ|ник|ниц|чан)"
                    + "(?:а|и|у|е|о|ой|ом|ам|ами|ах|ий|ый|ого|ому|ая|ую|ое|ие|ые|их|ым|им|ими|ей|ов|ев|ю|я)?"
                    + "|да|де|та|те|дан|ден|тан|тен|нан|нен|ға|ге|қа|ке|ны|ні|ды|ді|ның|нің|дың|дің|тың|тің"
                    + "|мен|пен|бен|ғы|гі|і"
                    + "|dagi|da|de|ta|te|dan|den|tan|ten|ga|ge|ka|ke|ni|ning|la|lar|ning)");
    private static final Pattern DERIVED_AFTER_LONG_BASE = Pattern.compile("к(?:а|и|у|е|ой|ом)?");

    /** Name base (a term's normalised word or its stem) -> the term stems it stands for. */
    private final Map<String, Set<String>> bases = new HashMap<>();
    /** Clipped start of a long term stem -> the term stems. */
    private final Map<String, Set<String>> clips = new HashMap<>();

    /**
     * @param canonical   what a post's word that is a form of this name stands for (the term word's main stem)
     * @param normalized  the term word (or a Cyrillic reading of it) as written, normalised
     * @param stem        the stem of {@code normalized}
     * @param abbreviation the term word is written in capitals (ВК, ТГ, МТС): a two-letter base is enough
     * @param clippable    one word, not words written together: its start alone may stand for it
     */
    void add(String canonical, String normalized, String stem, boolean abbreviation, boolean clippable) {
        int min = abbreviation ? 2 : 3;
        for (String base : new String[] {normalized, stem}) {
            if (base.length() >= min) {
                bases.computeIfAbsent(base, k -> new LinkedHashSet<>()).add(canonical);
            }
        }
        if (clippable && stem.length() >= 7 && stem.chars().allMatch(Character::isLetter)) {
            for (int length = 5; length < stem.length(); length++) {
                if (length * 10 >= stem.length() * 4) {
                    clips.computeIfAbsent(stem.substring(0, length), k -> new LinkedHashSet<>()).add(canonical);
                }
            }
        }
    }

    /** The term stems this word (normalised, and its stem) is a derived or clipped form of. */
    Set<String> of(String normalized, String stem) {
        Set<String> found = null;
        // the longest suffix is eight letters: only the bases that leave at most that much are tried
        for (int length = Math.max(2, normalized.length() - 8); length < normalized.length(); length++) {
            Set<String> terms = bases.get(normalized.substring(0, length));
            if (terms != null) {
                String rest = normalized.substring(length);
                if (DERIVED.matcher(rest).matches()
                        || length >= 4 && DERIVED_AFTER_LONG_BASE.matcher(rest).matches()) {
                    found = add(found, terms, stem);
                }
            }
        }
        Set<String> clipped = clips.get(stem);
        if (clipped != null) {
            found = add(found, clipped, stem);
        }
        return found == null ? Set.of() : found;
    }

    private static Set<String> add(Set<String> found, Set<String> terms, String stem) {
        for (String t : terms) {
            if (!t.equals(stem)) {
                if (found == null) {
                    found = new LinkedHashSet<>();
                }
                found.add(t);
            }
        }
        return found;
    }

    boolean isEmpty() {
        return bases.isEmpty();
    }
}
