package org.otklik.server.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/** SQL {@code in (...)} lists for the stores' lookups of a batch: distinct values, at most {@value #MAX} a query. */
public final class InLists {

    public static final int MAX = 500;

    private InLists() {
    }

    /** The distinct values, in their first order, in chunks of at most {@value #MAX}. */
    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> distinct = List.copyOf(new LinkedHashSet<>(values));
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + MAX)));
        }
        return chunks;
    }

    /** {@code (?, ?, ?)} for n values. */
    public static String placeholders(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }
}
