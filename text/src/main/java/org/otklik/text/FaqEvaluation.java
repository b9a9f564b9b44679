package org.otklik.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How often the FAQ would answer by itself on labelled texts, and how often wrongly: an automatic answer is wrong when
 * the text is not a problem, when answering it needs the user's private data, or when the FAQ entry belongs to
 * another department than the text's. (The labels do not say which entry is right, so an answer in the right
 * department to a plain question counts as right: this measures where the FAQ may speak, not what it says.)
 */
public record FaqEvaluation(int texts, int answered, int wrong, List<String> examples) {

    public static FaqEvaluation of(List<LabelledText> gold, Triage triage, FaqIndex faq, double threshold) {
        int answered = 0;
        int wrong = 0;
        List<String> examples = new ArrayList<>();
        for (LabelledText t : gold) {
            Optional<FaqIndex.Match> match = AutoAnswer.decide(triage.classify(t.text(), t.channel()), faq, t.text(),
                    threshold);
            if (match.isEmpty()) {
                continue;
            }
            answered++;
            FaqIndex.Entry entry = match.get().entry();
            boolean bad = !"problem".equals(t.kind()) || t.isPrivate()
                    || (entry.department() != null && !entry.department().equals(t.department()));
            if (bad) {
                wrong++;
            }
            if (examples.size() < 30) {
                examples.add((bad ? "WRONG " : "ok    ") + String.format(Locale.ROOT, "%.2f", match.get().confidence())
                        + "  «" + entry.title() + "»  <-  " + t.text().replace('\n', ' '));
            }
        }
        return new FaqEvaluation(gold.size(), answered, wrong, examples);
    }

    public String report(double threshold) {
        return String.format(Locale.ROOT, "threshold              %.2f%ntexts                  %d%n"
                        + "answered automatically %d (%.1f %%)%nwrongly                %d (%.1f %% of those answered)%n",
                threshold, texts, answered, texts == 0 ? 0 : 100.0 * answered / texts, wrong,
                answered == 0 ? 0 : 100.0 * wrong / answered);
    }
}
