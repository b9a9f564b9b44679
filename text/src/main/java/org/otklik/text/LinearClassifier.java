package org.otklik.text;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-class L2-regularised logistic regression (liblinear) over a fixed label set; answers the best label with
 * its probability.
 */
final class LinearClassifier {

    /** A decision and how sure the model is of it (its probability). */
    record Decision(String label, double confidence) {
    }

    private final List<String> labels;
    private final Model model;

    private LinearClassifier(List<String> labels, Model model) {
        this.labels = labels;
        this.model = model;
    }

    static {
        Linear.disableDebugOutput();
    }

    /**
     * @param balanced weight each class inversely to its frequency, so rare labels are not drowned by common ones
     */
    static LinearClassifier train(List<Feature[]> xs, List<String> ys, int dimensions, double c, boolean balanced) {
        List<String> labels = ys.stream().distinct().sorted().toList();
        Problem problem = new Problem();
        problem.l = xs.size();
        problem.n = dimensions;
        problem.x = xs.toArray(new Feature[0][]);
        problem.y = ys.stream().mapToDouble(labels::indexOf).toArray();
        problem.bias = 1;
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, 0.001);
        if (balanced) {
            double[] weights = new double[labels.size()];
            int[] ids = new int[labels.size()];
            for (int k = 0; k < labels.size(); k++) {
                String label = labels.get(k);
                long count = ys.stream().filter(label::equals).count();
                ids[k] = k;
                weights[k] = (double) ys.size() / (labels.size() * count);
            }
            parameter.setWeights(weights, ids);
        }
        return new LinearClassifier(labels, Linear.train(problem, parameter));
    }

    Decision classify(Feature[] x) {
        double[] probabilities = new double[model.getNrClass()];
        int best = (int) Linear.predictProbability(model, x, probabilities);
        int[] order = model.getLabels();
        double p = 0;
        for (int k = 0; k < order.length; k++) {
            if (order[k] == best) {
                p = probabilities[k];
            }
        }
        return new Decision(labels.get(best), p);
    }

    /** The probability of one label. */
    double probability(Feature[] x, String label) {
        double[] probabilities = new double[model.getNrClass()];
        Linear.predictProbability(model, x, probabilities);
        int wanted = labels.indexOf(label);
        int[] order = model.getLabels();
        for (int k = 0; k < order.length; k++) {
            if (order[k] == wanted) {
                return probabilities[k];
            }
        }
        return 0;
    }

    List<String> labels() {
        return new ArrayList<>(labels);
    }
}
