package org.otklik.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FAQ: prepared answers to common questions, matched to a user's text by the Russian stems (Lucene's Snowball
 * stemmer, the same as triage's; Lucene's Russian stop words left out) they share. A question-shaped title the user's
 * text covers, and a user's text the entry explains, make a confident match; a close second best makes it less so.
 */
public final class FaqIndex {

    /** One prepared answer; {@code department} null when it fits any. */
    public record Entry(long id, String title, String body, String department) {
    }

    /** The best entry for a text and how sure the match is (0..1). */
    public record Match(Entry entry, double confidence) {
    }

    private static final CharArraySet STOP = RussianAnalyzer.getDefaultStopSet();

    private record Indexed(Entry entry, Set<String> title, Set<String> all) {
    }

    private final List<Indexed> entries;

    private FaqIndex(List<Indexed> entries) {
        this.entries = entries;
    }

    public static FaqIndex of(List<Entry> entries) {
        return new FaqIndex(entries.stream().map(e -> {
            Set<String> title = content(e.title());
            Set<String> all = new HashSet<>(title);
            all.addAll(content(e.body()));
            return new Indexed(e, title, all);
        }).toList());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<Match> best(String text) {
        Set<String> user = content(text);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Indexed best = null;
        double bestScore = 0;
        double second = 0;
        for (Indexed e : entries) {
            double score = score(user, e);
            if (score > bestScore) {
                second = bestScore;
                bestScore = score;
                best = e;
            } else if (score > second) {
                second = score;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        double confidence = bestScore - second < 0.1 ? bestScore * 0.8 : bestScore;
        return Optional.of(new Match(best.entry(), Math.round(confidence * 1000) / 1000.0));
    }

    private static double score(Set<String> user, Indexed e) {
        if (e.title().isEmpty()) {
            return 0;
        }
        int inTitle = 0;
        int explained = 0;
        for (String stem : user) {
            if (e.title().contains(stem)) {
                inTitle++;
            }
            if (e.all().contains(stem)) {
                explained++;
            }
        }
        double titleCoverage = (double) inTitle / e.title().size();
        double userCoverage = (double) explained / user.size();
        return 0.6 * titleCoverage + 0.4 * userCoverage;
    }

    static Set<String> content(String text) {
        Set<String> stems = new HashSet<>();
        String normalized = Normalizer.normalize(text);
        for (String stem : TextFeatures.stems(TextFeatures.cyrillize(normalized))) {
            if (stem.length() > 1 && !STOP.contains(stem) && !stem.chars().allMatch(Character::isDigit)) {
                stems.add(stem);
            }
        }
        return stems;
    }

    /** The demo FAQ that ships with Otklik (text/src/main/resources/org/otklik/text/faq-demo.jsonl). */
    public static List<Entry> demo() {
        try (InputStream in = FaqIndex.class.getResourceAsStream("faq-demo.jsonl")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FAQ entries from JSONL: {"id", "title", "body", "department"?} a line. */
    public static List<Entry> parse(String jsonl) {
        JsonMapper json = JsonMapper.builder().build();
        return jsonl.lines().filter(l -> !l.isBlank()).map(line -> {
            JsonNode row = json.readTree(line);
            return new Entry(row.path("id").asLong(), row.path("title").asString(), row.path("body").asString(),
                    row.hasNonNull("department") ? row.get("department").asString() : null);
        }).toList();
    }
}
