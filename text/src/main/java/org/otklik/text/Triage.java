package org.otklik.text;

import de.bwaldvogel.liblinear.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a text the way a senior agent would: what kind of text it is, which department a problem belongs to, whether
 * the answer needs private data, swearing, an outage report, the language. Linear models (liblinear) over {@link
 * TextFeatures}, trained from labelled data; profanity is the lexicon's verdict or the model's; the language comes
 * from {@link LanguageIdentifier}. Thread-safe once built.
 */
public final class Triage {

    /** Training settings, fixed so that the same data always gives the same models (see docs/triage.md). */
    static final double C_KIND = 16;
    static final double C_DEPARTMENT = 16;
    static final double C_FLAG = 8;
    static final double PRIVATE_THRESHOLD = 0.5;
    static final double PROFANITY_THRESHOLD = 0.5;
    /** Below this probability of being a problem, a text gets no department. */
    static final double MAYBE_PROBLEM = 0.15;

    private static volatile Triage bundled;

    private final FeatureSpace space;
    private final LinearClassifier kind;
    private final LinearClassifier department;
    private final LinearClassifier privacy;
    private final LinearClassifier profanity;
    private final LinearClassifier outage;
    private final LanguageIdentifier languages;
    private final int trainedOn;

    private Triage(FeatureSpace space, LinearClassifier kind, LinearClassifier department, LinearClassifier privacy,
                   LinearClassifier profanity, LinearClassifier outage, LanguageIdentifier languages, int trainedOn) {
        this.space = space;
        this.kind = kind;
        this.department = department;
        this.privacy = privacy;
        this.profanity = profanity;
        this.outage = outage;
        this.languages = languages;
        this.trainedOn = trainedOn;
    }

    /** Triage trained on the labelled data that ships with Otklik (trained once per process, a few seconds). */
    public static Triage bundled() {
        Triage t = bundled;
        if (t == null) {
            synchronized (Triage.class) {
                t = bundled;
                if (t == null) {
                    t = train(TriageData.bundled());
                    bundled = t;
                }
            }
        }
        return t;
    }

    public static Triage train(List<LabelledText> data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no labelled texts to train on");
        }
        List<List<String>> features = data.stream().map(r -> TextFeatures.extract(r.text(), r.channel())).toList();
        FeatureSpace space = FeatureSpace.build(features, 2);
        List<Feature[][]> both = features.stream()
                .map(f -> space.vectors(f, FeatureSpace.WORDS_FIRST, FeatureSpace.EVEN)).toList();
        List<Feature[]> xs = both.stream().map(v -> v[0]).toList();
        List<Feature[]> evenXs = both.stream().map(v -> v[1]).toList();

        LinearClassifier kind = LinearClassifier.train(xs, data.stream().map(LabelledText::kind).toList(),
                space.size(), C_KIND, true);

        List<Feature[]> problemXs = new ArrayList<>();
        List<Feature[]> problemEvenXs = new ArrayList<>();
        List<String> departments = new ArrayList<>();
        List<String> privacies = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            LabelledText r = data.get(i);
            if ("problem".equals(r.kind()) && r.department() != null) {
                problemXs.add(xs.get(i));
                problemEvenXs.add(evenXs.get(i));
                departments.add(r.department());
                privacies.add(Boolean.toString(r.isPrivate()));
            }
        }
        LinearClassifier department = LinearClassifier.train(problemEvenXs, departments, space.size(), C_DEPARTMENT,
                true);
        LinearClassifier privacy = LinearClassifier.train(problemXs, privacies, space.size(), C_FLAG, false);
        LinearClassifier profanity = LinearClassifier.train(xs,
                data.stream().map(r -> Boolean.toString(r.profanity())).toList(), space.size(), C_FLAG, false);
        LinearClassifier outage = LinearClassifier.train(xs,
                data.stream().map(r -> r.outage() == null ? "none" : r.outage()).toList(), space.size(), C_FLAG,
                true);
        return new Triage(space, kind, department, privacy, profanity, outage, LanguageIdentifier.train(data),
                data.size());
    }

    public TriageResult classify(String text, String channel) {
        String safe = text == null ? "" : text;
        TextFeatures.Reading reading = TextFeatures.read(safe, channel);
        Feature[][] vectors = space.vectors(reading.features(), FeatureSpace.WORDS_FIRST, FeatureSpace.EVEN);
        Feature[] x = vectors[0];
        Map<String, Double> confidence = new LinkedHashMap<>();

        LinearClassifier.Decision k = kind.classify(x);
        confidence.put("kind", round(k.confidence()));
        String dept = null;
        boolean isPrivate = false;
        // a text that may well be a problem still gets its department: a problem misread as a complaint should not
        // also lose its queue (private data is asked only of what reads as a problem)
        boolean problem = "problem".equals(k.label());
        if (problem || kind.probability(x, "problem") >= MAYBE_PROBLEM) {
            LinearClassifier.Decision d = department.classify(vectors[1]);
            dept = d.label();
            confidence.put("department", round(d.confidence()));
        } else {
            confidence.put("department", round(k.confidence()));
        }
        if (problem) {
            double p = privacy.probability(x, "true");
            isPrivate = p >= PRIVATE_THRESHOLD;
            confidence.put("private", round(isPrivate ? p : 1 - p));
        } else {
            confidence.put("private", round(k.confidence()));
        }

        boolean swearWords = !reading.swearWords().isEmpty();
        double pProfanity = profanity.probability(x, "true");
        boolean isProfane = swearWords || pProfanity >= PROFANITY_THRESHOLD;
        confidence.put("profanity", round(swearWords ? Math.max(0.99, pProfanity) : isProfane ? pProfanity
                : 1 - pProfanity));

        LinearClassifier.Decision o = outage.classify(x);
        confidence.put("outage", round(o.confidence()));

        LanguageIdentifier.Language language = languages.identify(safe);
        confidence.put("lang", language.confidence());
        return new TriageResult(k.label(), dept, isPrivate, isProfane, "none".equals(o.label()) ? null : o.label(),
                language.code(), language.translit(), confidence);
    }

    /** How many labelled texts the models were trained on. */
    public int trainedOn() {
        return trainedOn;
    }

    private static double round(double p) {
        return Math.round(p * 1000) / 1000.0;
    }
}
