package org.otklik.text;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature strings to liblinear's numbered features: a vocabulary fixed at training time (features seen in at least
 * {@code minCount} training texts), binary values scaled to unit length. Unknown features are ignored.
 */
final class FeatureSpace {

    private final Map<String, Integer> index;

    private FeatureSpace(Map<String, Integer> index) {
        this.index = index;
    }

    static FeatureSpace build(List<List<String>> texts, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> features : texts) {
            for (String f : features) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        counts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount || e.getKey().startsWith("cue:") || e.getKey().startsWith("ch:"))
                .map(Map.Entry::getKey).sorted()
                .forEach(f -> index.put(f, index.size() + 1));
        return new FeatureSpace(index);
    }

    int size() {
        return index.size();
    }

    /**
     * Relative weights of the feature families for one model: reading the kind of a text leans on words and cues,
     * telling departments apart also on spelling fragments (brand and product names, other languages).
     */
    record Weights(double chars, double words, double cues) {
    }

    static final Weights WORDS_FIRST = new Weights(0.3, 1, 1);
    static final Weights EVEN = new Weights(1, 1, 1);

    Feature[] vector(List<String> features) {
        return vector(features, EVEN);
    }

    Feature[] vector(List<String> features, Weights weights) {
        return vectors(features, weights)[0];
    }

    /** The features looked up once, as one vector per weighting (in the order given). */
    Feature[][] vectors(List<String> features, Weights... weightings) {
        // ids and family packed in one long (id << 2 | family), sorted by id; features are distinct already
        long[] packed = new long[features.size()];
        int n = 0;
        for (String f : features) {
            Integer id = index.get(f);
            if (id != null) {
                int family = f.startsWith("c:") ? 0 : f.startsWith("cue:") || f.startsWith("ch:")
                        || f.startsWith("len:") ? 1 : 2;
                packed[n++] = ((long) id << 2) | family;
            }
        }
        Arrays.sort(packed, 0, n);
        Feature[][] vectors = new Feature[weightings.length][];
        for (int k = 0; k < weightings.length; k++) {
            Weights weights = weightings[k];
            double[] w = {weights.chars(), weights.cues(), weights.words()};
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double v = w[(int) (packed[i] & 3)];
                norm += v * v;
            }
            double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
            Feature[] vector = new Feature[n];
            for (int i = 0; i < n; i++) {
                vector[i] = new FeatureNode((int) (packed[i] >>> 2), w[(int) (packed[i] & 3)] * scale);
            }
            vectors[k] = vector;
        }
        return vectors;
    }
}
