package org.otklik.text.listening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Micro precision and recall of stream matching over (post, stream) pairs against labelled posts (rows with
 * {@code id}, {@code text} and {@code brands}: the stream ids the post truly mentions), with every miss and false
 * hit listed.
 */
public final class ListeningEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A labelled post. */
    public record Gold(String id, String text, Set<String> brands) {
    }

    /** One wrong answer: a stream the post mentions and was not found, or found and not mentioned. */
    public record Error(String id, String stream, String text, Set<String> matchedTerms) {
    }

    public record Result(int posts, int truePositives, int falsePositives, int falseNegatives, List<Error> misses,
                         List<Error> falseHits) {

        public double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1.0 : (double) truePositives / found;
        }

        public double recall() {
            int relevant = truePositives + falseNegatives;
            return relevant == 0 ? 1.0 : (double) truePositives / relevant;
        }

        public void print(PrintStream out, int listAtMost) {
            out.printf(Locale.ROOT, "posts                  %d%n", posts);
            out.printf(Locale.ROOT, "(post, stream) pairs   %d relevant, %d found%n", truePositives + falseNegatives,
                    truePositives + falsePositives);
            out.printf(Locale.ROOT, "precision              %.3f%n", precision());
            out.printf(Locale.ROOT, "recall                 %.3f%n", recall());
            out.printf(Locale.ROOT, "misses                 %d%n", falseNegatives);
            out.printf(Locale.ROOT, "false hits             %d%n", falsePositives);
            list(out, "misses (mentioned, not found)", misses, listAtMost);
            list(out, "false hits (found, not mentioned)", falseHits, listAtMost);
        }

        private static void list(PrintStream out, String title, List<Error> errors, int atMost) {
            if (errors.isEmpty() || atMost <= 0) {
                return;
            }
            out.println();
            out.println(title + ":");
            errors.stream().limit(atMost).forEach(e -> out.println("  " + e.id() + " [" + e.stream() + "]"
                    + (e.matchedTerms().isEmpty() ? "" : " by " + e.matchedTerms()) + "  " + e.text()));
            if (errors.size() > atMost) {
                out.println("  ... and " + (errors.size() - atMost) + " more");
            }
        }
    }

    private ListeningEvaluation() {
    }

    /** @throws IllegalArgumentException naming the line of a malformed row */
    public static List<Gold> readGold(Path file) throws IOException {
        List<Gold> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = JSON.readTree(line);
                } catch (JacksonException e) {
                    throw new IllegalArgumentException("line " + number + ": not JSON");
                }
                if (!row.path("id").isValueNode() || !row.path("text").isString() || !row.path("brands").isArray()) {
                    throw new IllegalArgumentException("line " + number + ": needs \"id\", \"text\" and \"brands\"");
                }
                Set<String> brands = new TreeSet<>();
                row.get("brands").forEach(b -> brands.add(b.asString()));
                rows.add(new Gold(row.get("id").asString(), row.get("text").asString(), brands));
            }
        }
        return rows;
    }

    public static Result evaluate(StreamMatcher matcher, List<Gold> gold) {
        List<StreamMatcher.Match> found = matcher.match(gold.stream().map(Gold::text).toList());
        int tp = 0;
        List<Error> misses = new ArrayList<>();
        List<Error> falseHits = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            Gold g = gold.get(i);
            StreamMatcher.Match m = found.get(i);
            for (String brand : g.brands()) {
                if (m.termsByStream().containsKey(brand)) {
                    tp++;
                } else {
                    misses.add(new Error(g.id(), brand, g.text(), Set.of()));
                }
            }
            for (String stream : m.streams()) {
                if (!g.brands().contains(stream)) {
                    falseHits.add(new Error(g.id(), stream, g.text(), m.termsByStream().get(stream)));
                }
            }
        }
        return new Result(gold.size(), tp, falseHits.size(), misses.size(), misses, falseHits);
    }
}
