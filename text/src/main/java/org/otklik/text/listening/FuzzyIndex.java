package org.otklik.text.listening;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Misspellings of the streams' longer name stems, found by symmetric deletion: two words one edit apart (a letter
 * missing, added, changed, or two neighbours swapped: «Янедкс», «Сбербак») share a one-letter deletion. The index
 * holds the deletions of the term stems; a post's word is looked up by its own deletions and kept only when the
 * edit distance really is one and the word is not a Russian word of its own («индекс» is not «яндекс»).
 */
final class FuzzyIndex {

    /** Stems shorter than this are matched exactly: «сбор» is one letter from «сбер». */
    static final int MIN_STEM = 6;

    private final Map<String, List<String>> byDeletion = new HashMap<>();
    private final Map<String, Set<String>> canonicals = new HashMap<>();
    /** First letter and length of every indexed stem: a word one edit away keeps the first letter. */
    private final Set<Long> shapes = new java.util.HashSet<>();

    /** Indexes a term stem; a post's word near it will stand for {@code canonical} (the term word's main stem). */
    void add(String stem, String canonical) {
        if (!eligible(stem)) {
            return;
        }
        put(stem, stem);
        for (String d : deletions(stem)) {
            put(d, stem);
        }
        shapes.add(shape(stem.charAt(0), stem.length()));
        canonicals.computeIfAbsent(stem, k -> new LinkedHashSet<>()).add(canonical);
    }

    void add(String stem) {
        add(stem, stem);
    }

    static boolean eligible(String stem) {
        return stem.length() >= MIN_STEM && stem.chars().allMatch(Character::isLetter);
    }

    boolean isEmpty() {
        return byDeletion.isEmpty();
    }

    /** The canonical stems of the term words one edit from this word's stem. */
    Set<String> nearCanonical(String stem) {
        Set<String> near = near(stem);
        if (near.isEmpty()) {
            return near;
        }
        Set<String> out = new LinkedHashSet<>();
        near.forEach(n -> out.addAll(canonicals.getOrDefault(n, Set.of(n))));
        return out;
    }

    /** Term stems one edit from this word's stem (never the stem itself). */
    Set<String> near(String stem) {
        if (stem.length() < MIN_STEM - 1 || byDeletion.isEmpty()) {
            return Set.of();
        }
        char first = stem.charAt(0);
        if (!shapes.contains(shape(first, stem.length())) && !shapes.contains(shape(first, stem.length() - 1))
                && !shapes.contains(shape(first, stem.length() + 1))) {
            return Set.of();
        }
        Set<String> found = null;
        found = collect(byDeletion.get(stem), stem, found);
        for (String d : deletions(stem)) {
            found = collect(byDeletion.get(d), stem, found);
        }
        return found == null ? Set.of() : found;
    }

    private static Set<String> collect(List<String> candidates, String stem, Set<String> found) {
        if (candidates == null) {
            return found;
        }
        for (String candidate : candidates) {
            if (!candidate.equals(stem) && oneEditApart(stem, candidate)) {
                if (found == null) {
                    found = new LinkedHashSet<>();
                }
                found.add(candidate);
            }
        }
        return found;
    }

    private static long shape(char first, int length) {
        return (long) first << 32 | length;
    }

    private void put(String key, String stem) {
        List<String> stems = byDeletion.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!stems.contains(stem)) {
            stems.add(stem);
        }
    }

    static List<String> deletions(String s) {
        List<String> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); i++) {
            String d = s.substring(0, i) + s.substring(i + 1);
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Optimal string alignment distance of exactly one (insertion, deletion, substitution or adjacent swap), the
     * first letter untouched: people rarely misspell the first letter of a name, and «контакте» is not «вконтакте».
     */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (diffs == 0) {
                        first = i;
                    }
                    diffs++;
                }
            }
            if (first == 0) {
                return false;
            }
            if (diffs == 1) {
                return true;
            }
            return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first) && a.regionMatches(first + 2, b, first + 2,
                    la - first - 2);
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return i > 0 && shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }
}
