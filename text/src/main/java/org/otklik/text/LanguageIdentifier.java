package org.otklik.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which language a text is in, among the ones Otklik's users write in: a naive Bayes model over character 1-3-grams,
 * trained on the repository's labelled texts. Russian typed in Latin letters is its own class internally
 * ({@code ru-latn}), reported as {@code ru} with the transliteration flag set.
 *
 * <p>Why not a library: Lingua has no Uzbek, Tatar or Kyrgyz model and OpenNLP's language model is not on Maven
 * Central; both would also call Latin-typed Russian something else (ADR 0005).
 */
public final class LanguageIdentifier {

    /** A language decision. */
    public record Language(String code, boolean translit, double confidence) {
    }

    static final String TRANSLIT = "ru-latn";
    private static final double SMOOTHING = 0.5;

    /** Per character n-gram, its log-probability under each language (in the order of {@link #labels}). */
    private final Map<String, float[]> logProbabilities = new HashMap<>();
    /** The log-probability of an n-gram never seen in a language's training texts. */
    private float[] unseen;
    private float[] priors;
    private String[] labels;

    private LanguageIdentifier() {
    }

    static LanguageIdentifier train(List<LabelledText> texts) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Integer> totals = new HashMap<>();
        Map<String, Integer> documents = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (LabelledText t : texts) {
            String label = t.translit() && "ru".equals(t.lang()) ? TRANSLIT : t.lang();
            if (label == null) {
                continue;
            }
            documents.merge(label, 1, Integer::sum);
            Map<String, Integer> c = counts.computeIfAbsent(label, k -> new HashMap<>());
            for (String g : grams(t.text())) {
                c.merge(g, 1, Integer::sum);
                totals.merge(label, 1, Integer::sum);
                seen.add(g);
            }
        }
        LanguageIdentifier id = new LanguageIdentifier();
        id.labels = counts.keySet().toArray(new String[0]);
        int k = id.labels.length;
        id.unseen = new float[k];
        id.priors = new float[k];
        double[] denominators = new double[k];
        for (int i = 0; i < k; i++) {
            denominators[i] = totals.getOrDefault(id.labels[i], 0) + SMOOTHING * seen.size();
            id.unseen[i] = (float) Math.log(SMOOTHING / denominators[i]);
            // flattened priors: Russian dominates the data, but a Kazakh text should not fight a 50:1 prior
            id.priors[i] = (float) (0.5 * Math.log((double) documents.get(id.labels[i]) / texts.size()));
        }
        for (String g : seen) {
            float[] lp = new float[k];
            for (int i = 0; i < k; i++) {
                int count = counts.get(id.labels[i]).getOrDefault(g, 0);
                lp[i] = (float) Math.log((count + SMOOTHING) / denominators[i]);
            }
            id.logProbabilities.put(g, lp);
        }
        return id;
    }

    public Language identify(String text) {
        List<String> grams = grams(text);
        if (grams.isEmpty() || labels.length == 0) {
            return new Language("ru", false, 0.5);
        }
        double[] scores = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            scores[i] = priors[i];
        }
        for (String g : grams) {
            float[] lp = logProbabilities.get(g);
            float[] add = lp == null ? unseen : lp;
            for (int i = 0; i < scores.length; i++) {
                scores[i] += add[i];
            }
        }
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (i != best && scores[i] > second) {
                second = scores[i];
            }
        }
        // the margin over the runner-up, per character n-gram, read as a probability-like confidence
        double margin = labels.length == 1 ? 1 : (scores[best] - second) / Math.max(1, grams.size());
        double confidence = 1 / (1 + Math.exp(-8 * margin));
        boolean translit = TRANSLIT.equals(labels[best]);
        return new Language(translit ? "ru" : labels[best], translit, Math.round(confidence * 1000) / 1000.0);
    }

    static List<String> grams(String text) {
        String normalized = Normalizer.normalize(text).replaceAll("[^\\p{L}'ʻ]+", " ").strip();
        if (normalized.isEmpty()) {
            return List.of();
        }
        String padded = " " + normalized + " ";
        List<String> grams = new java.util.ArrayList<>(padded.length() * 3);
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                String g = padded.substring(i, i + n);
                if (!g.isBlank()) {
                    grams.add(g);
                }
            }
        }
        return grams;
    }
}
