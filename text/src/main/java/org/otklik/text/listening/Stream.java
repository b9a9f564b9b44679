package org.otklik.text.listening;

import java.util.List;

/**
 * A saved keyword stream: the brand's names as a person writes them (base forms, nicknames, domains, a few
 * misspellings) and phrases whose presence means the post is not about the brand.
 */
public record Stream(String id, String name, List<String> terms, List<String> exclude) {

    public static final int MAX_TERMS = 200;
    public static final int MAX_TERM_LENGTH = 100;

    public Stream {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("stream id must be 1-64 letters, digits, '_', '.' or '-': " + id);
        }
        if (terms == null || terms.isEmpty()) {
            throw new IllegalArgumentException("stream " + id + ": terms must not be empty");
        }
        if (terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("stream " + id + ": at most " + MAX_TERMS + " terms");
        }
        for (String term : terms) {
            if (term == null || term.isBlank() || term.length() > MAX_TERM_LENGTH) {
                throw new IllegalArgumentException("stream " + id + ": every term must be 1-" + MAX_TERM_LENGTH
                        + " characters");
            }
        }
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        for (String phrase : exclude) {
            if (phrase == null || phrase.isBlank() || phrase.length() > MAX_TERM_LENGTH) {
                throw new IllegalArgumentException("stream " + id + ": every exclude phrase must be 1-"
                        + MAX_TERM_LENGTH + " characters");
            }
        }
        name = name == null || name.isBlank() ? id : name;
        terms = List.copyOf(terms);
    }
}
