package org.otklik.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Triage measured against gold labels: macro-F1 of kind, department accuracy over gold problems, F1 of private,
 * profanity and outage (an outage counts as found only with the right component), language accuracy, and the kind
 * confusion matrix.
 */
public record TriageEvaluation(int texts, double kindMacroF1, double departmentAccuracy, int problems,
                               double privateF1, double profanityF1, double outageF1, double outageDetectionF1,
                               double langAccuracy, List<String> kinds, int[][] confusion,
                               List<Miss> misses) {

    public static final List<String> KINDS = List.of("problem", "negative_action", "negative_vague",
            "negative_outdated", "context", "praise");

    /** A text triage got wrong on some field. */
    public record Miss(String id, String field, String gold, String predicted, String text) {
    }

    public static TriageEvaluation of(List<LabelledText> gold, Function<LabelledText, TriageResult> triage) {
        int[][] confusion = new int[KINDS.size()][KINDS.size()];
        int deptRight = 0;
        int problems = 0;
        int langRight = 0;
        int[] privacy = new int[3];
        int[] profanity = new int[3];
        int[] outage = new int[3];
        int[] outageAny = new int[3];
        List<Miss> misses = new ArrayList<>();
        for (LabelledText g : gold) {
            TriageResult p = triage.apply(g);
            int gi = KINDS.indexOf(g.kind());
            int pi = KINDS.indexOf(p.kind());
            if (gi >= 0 && pi >= 0) {
                confusion[gi][pi]++;
            }
            if (!g.kind().equals(p.kind())) {
                misses.add(new Miss(g.id(), "kind", g.kind(), p.kind(), g.text()));
            }
            if ("problem".equals(g.kind())) {
                problems++;
                if (Objects.equals(g.department(), p.department())) {
                    deptRight++;
                } else {
                    misses.add(new Miss(g.id(), "department", g.department(), p.department(), g.text()));
                }
            }
            count(privacy, g.isPrivate(), p.isPrivate());
            count(profanity, g.profanity(), p.profanity());
            if (g.profanity() != p.profanity()) {
                misses.add(new Miss(g.id(), "profanity", "" + g.profanity(), "" + p.profanity(), g.text()));
            }
            boolean goldOutage = g.outage() != null;
            boolean predictedOutage = p.outage() != null;
            count(outageAny, goldOutage, predictedOutage);
            if (goldOutage && Objects.equals(g.outage(), p.outage())) {
                outage[0]++;
            } else {
                if (predictedOutage) {
                    outage[1]++;
                }
                if (goldOutage) {
                    outage[2]++;
                }
            }
            if (!Objects.equals(g.outage(), p.outage())) {
                misses.add(new Miss(g.id(), "outage", g.outage(), p.outage(), g.text()));
            }
            if (Objects.equals(g.lang(), p.lang())) {
                langRight++;
            } else {
                misses.add(new Miss(g.id(), "lang", g.lang(), p.lang(), g.text()));
            }
        }
        double macro = 0;
        int present = 0;
        for (int k = 0; k < KINDS.size(); k++) {
            int tp = confusion[k][k];
            int fp = 0;
            int fn = 0;
            for (int j = 0; j < KINDS.size(); j++) {
                if (j != k) {
                    fp += confusion[j][k];
                    fn += confusion[k][j];
                }
            }
            if (tp + fn > 0) {
                macro += f1(tp, fp, fn);
                present++;
            }
        }
        return new TriageEvaluation(gold.size(), present == 0 ? 0 : macro / present,
                problems == 0 ? 1 : (double) deptRight / problems, problems, f1(privacy), f1(profanity),
                f1(outage[0], outage[1], outage[2]), f1(outageAny), gold.isEmpty() ? 1 : (double) langRight / gold.size(),
                KINDS, confusion, misses);
    }

    private static void count(int[] c, boolean gold, boolean predicted) {
        if (gold && predicted) {
            c[0]++;
        } else if (predicted) {
            c[1]++;
        } else if (gold) {
            c[2]++;
        }
    }

    private static double f1(int[] c) {
        return f1(c[0], c[1], c[2]);
    }

    private static double f1(int tp, int fp, int fn) {
        if (tp + fp + fn == 0) {
            return 1;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "texts                  %d%n", texts));
        out.append(String.format(Locale.ROOT, "kind macro-F1          %.3f%n", kindMacroF1));
        out.append(String.format(Locale.ROOT, "department accuracy    %.3f  (over %d gold problems)%n",
                departmentAccuracy, problems));
        out.append(String.format(Locale.ROOT, "private F1             %.3f%n", privateF1));
        out.append(String.format(Locale.ROOT, "profanity F1           %.3f%n", profanityF1));
        out.append(String.format(Locale.ROOT, "outage F1              %.3f  (any outage, ignoring the component: %.3f)%n",
                outageF1, outageDetectionF1));
        out.append(String.format(Locale.ROOT, "lang accuracy          %.3f%n", langAccuracy));
        out.append("\nkind confusion (rows: gold, columns: predicted)\n");
        out.append(String.format(Locale.ROOT, "%-18s", ""));
        for (String k : kinds) {
            out.append(String.format(Locale.ROOT, "%10.9s", k));
        }
        out.append('\n');
        for (int i = 0; i < kinds.size(); i++) {
            out.append(String.format(Locale.ROOT, "%-18s", kinds.get(i)));
            for (int j = 0; j < kinds.size(); j++) {
                out.append(String.format(Locale.ROOT, "%10d", confusion[i][j]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
