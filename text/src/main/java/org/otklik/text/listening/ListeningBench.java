package org.otklik.text.listening;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.otklik.text.LabelledText;
import org.otklik.text.TriageData;

/**
 * The firehose benchmark: many generated streams and posts, matched by {@link StreamMatcher} on several threads,
 * against a naive scan that runs one case-insensitive regular expression per stream (its terms as alternatives,
 * inside word boundaries) over every post. Both run in the same process on the same posts; the naive scan, far
 * slower, runs over a sample of the posts and its rate is reported per post.
 */
public final class ListeningBench {

    private static final String[] SYLLABLES = {"ба", "ва", "ги", "до", "зе", "ка", "ли", "мо", "ну", "пе", "ра",
            "си", "ту", "фа", "хо", "це", "ча", "ши", "бу", "во", "гра", "дри", "кси", "лон", "мар", "нит", "пол",
            "рус", "сан", "тек", "фер", "хим", "вер", "зор", "кор", "лак", "мин", "нор", "пак", "рен"};
    private static final String[] SUFFIXES = {"Pay", "Маркет", "Банк", "Плюс", "Go", "Мобайл", "Кино", "Музыка"};
    private static final String[] ENDINGS = {"", "а", "у", "е", "ом", "ы", "ах"};

    private ListeningBench() {
    }

    public record Figures(int streams, int posts, int threads, double matcherSeconds, long matchedPosts,
                          int naivePosts, double naiveSeconds, long naiveMatchedPosts, double buildSeconds) {

        public double matcherPostsPerSecond() {
            return posts / matcherSeconds;
        }

        public double naivePostsPerSecond() {
            return naivePosts / naiveSeconds;
        }

        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "streams                 %d (%d terms)%n", streams, streams * 6);
            out.printf(Locale.ROOT, "posts                   %d%n", posts);
            out.printf(Locale.ROOT, "matcher build           %.2f s%n", buildSeconds);
            out.printf(Locale.ROOT, "otklik (Lucene Monitor) %.0f posts/s on %d threads (%.1f s; %d posts matched a"
                    + " stream)%n", matcherPostsPerSecond(), threads, matcherSeconds, matchedPosts);
            out.printf(Locale.ROOT, "naive regex per stream  %.0f posts/s on 1 thread (%d posts in %.1f s; %d"
                    + " matched)%n", naivePostsPerSecond(), naivePosts, naiveSeconds, naiveMatchedPosts);
            out.printf(Locale.ROOT, "speed-up                %.0fx (per thread: %.0fx)%n",
                    matcherPostsPerSecond() / naivePostsPerSecond(),
                    matcherPostsPerSecond() / threads / naivePostsPerSecond());
        }
    }

    /** Generated streams: invented brand names, with a Latin spelling, a domain, a nickname and a product. */
    public static List<Stream> streams(int count, long seed) {
        Random random = new Random(seed);
        List<Stream> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = brand(random, i);
            String latin = org.otklik.text.Transliteration.isLatinWord(name) ? name : latin(name);
            streams.add(new Stream("s" + i, name, List.of(name, latin, latin.toLowerCase(Locale.ROOT) + ".ru",
                    name + "чик", name + " " + SUFFIXES[random.nextInt(SUFFIXES.length)],
                    name.substring(0, 1) + "-" + SUFFIXES[random.nextInt(SUFFIXES.length)]),
                    List.of("вакансия " + name.toLowerCase(Locale.ROOT))));
        }
        return streams;
    }

    /** Generated posts: real texts of the labelled triage data, 5 % of them with a brand name put in, inflected. */
    public static List<String> posts(List<Stream> streams, int count, long seed) {
        List<String> bodies = TriageData.bundled().stream().map(LabelledText::text).toList();
        Random random = new Random(seed);
        List<String> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String body = bodies.get(random.nextInt(bodies.size()));
            if (random.nextInt(100) < 5) {
                String brand = streams.get(random.nextInt(streams.size())).name();
                body = "вот " + brand + ENDINGS[random.nextInt(ENDINGS.length)] + " опять: " + body;
            }
            posts.add(body);
        }
        return posts;
    }

    public static Figures run(int streamCount, int postCount, int threads, int naiveSample) throws Exception {
        List<Stream> streams = streams(streamCount, 20261123L);
        List<String> posts = posts(streams, postCount, 7L);
        long built = System.nanoTime();
        StreamMatcher matcher = new StreamMatcher(streams);
        double buildSeconds = (System.nanoTime() - built) / 1e9;
        // warm up the JIT on a slice, as after a server's start
        matcher.match(posts.subList(0, Math.min(posts.size(), 20_000)));

        AtomicLong matched = new AtomicLong();
        int chunk = StreamMatcher.BATCH * 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int from = 0; from < posts.size(); from += chunk) {
            List<String> slice = posts.subList(from, Math.min(posts.size(), from + chunk));
            work.add(pool.submit(() -> matched.addAndGet(matcher.match(slice).stream()
                    .filter(m -> !m.termsByStream().isEmpty()).count())));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double matcherSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        matcher.close();

        List<Pattern> naive = new ArrayList<>(streams.size());
        for (Stream s : streams) {
            StringBuilder alternatives = new StringBuilder();
            for (String term : s.terms()) {
                alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(term));
            }
            naive.add(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        int sample = Math.min(naiveSample, posts.size());
        long naiveMatched = 0;
        long naiveStart = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            boolean any = false;
            for (Pattern p : naive) {
                any |= p.matcher(posts.get(i)).find();
            }
            if (any) {
                naiveMatched++;
            }
        }
        double naiveSeconds = (System.nanoTime() - naiveStart) / 1e9;
        return new Figures(streamCount, postCount, threads, matcherSeconds, matched.get(), sample, naiveSeconds,
                naiveMatched, buildSeconds);
    }

    private static String brand(Random random, int i) {
        StringBuilder b = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int k = 0; k < syllables; k++) {
            b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        b.append(SYLLABLES[i % SYLLABLES.length].charAt(0));
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    private static String latin(String cyrillic) {
        String from = "абвгдезиклмнопрстуфхцчшыэюя";
        String[] to = {"a", "b", "v", "g", "d", "e", "z", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
                "f", "h", "ts", "ch", "sh", "y", "e", "yu", "ya"};
        StringBuilder out = new StringBuilder();
        for (char c : cyrillic.toLowerCase(Locale.ROOT).toCharArray()) {
            int at = from.indexOf(c);
            out.append(at >= 0 ? to[at] : String.valueOf(c));
        }
        return Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }
}
