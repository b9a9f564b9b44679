package org.otklik.text;

import java.util.Optional;

/**
 * When the FAQ may answer a user by itself: triage reads the text as a problem that needs no private data, the FAQ
 * entry fits the department triage sees (or any), and both are sure enough. Below the threshold, people answer.
 */
public final class AutoAnswer {

    public static final double DEFAULT_THRESHOLD = 0.6;

    private AutoAnswer() {
    }

    public static Optional<FaqIndex.Match> decide(TriageResult triage, FaqIndex index, String text, double threshold) {
        if (!triage.isProblem() || triage.isPrivate() || index.isEmpty()) {
            return Optional.empty();
        }
        double kindConfidence = triage.confidence().getOrDefault("kind", 0.0);
        return index.best(text)
                .filter(m -> m.entry().department() == null || m.entry().department().equals(triage.department()))
                .filter(m -> Math.min(kindConfidence, m.confidence()) >= threshold);
    }
}
