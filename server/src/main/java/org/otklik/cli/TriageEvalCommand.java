package org.otklik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.otklik.text.LabelledText;
import org.otklik.text.Triage;
import org.otklik.text.TriageData;
import org.otklik.text.TriageEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "triage-eval", mixinStandardHelpOptions = true,
        description = "Run triage on a labelled JSONL file and print its quality: kind macro-F1, department accuracy, "
                + "private/profanity/outage F1, language accuracy, the kind confusion matrix.")
final class TriageEvalCommand implements Callable<Integer> {

    @Option(names = "--gold", description = "labelled JSONL (the format of data/triage-sample.jsonl)",
            paramLabel = "FILE")
    Path gold;

    @Option(names = "--holdout", description = "instead of --gold: train on 80 % of the bundled labelled data and "
            + "evaluate on the other 20 % (a fixed split)")
    boolean holdout;

    @Option(names = "--misses", defaultValue = "0", description = "also list up to N texts triage got wrong",
            paramLabel = "N")
    int misses;

    @Override
    public Integer call() {
        if ((gold == null) == !holdout) {
            throw new Otklik.UsageError("give either --gold FILE or --holdout");
        }
        List<LabelledText> test;
        Triage triage;
        if (holdout) {
            TriageData.Split split = TriageData.split(TriageData.bundled(), 0.2);
            System.err.println("triage-eval: training on " + split.train().size() + " bundled texts, evaluating on "
                    + split.test().size() + " held out");
            triage = Triage.train(split.train());
            test = split.test();
        } else {
            if (!Files.isReadable(gold)) {
                throw new Otklik.UsageError("--gold " + gold + " cannot be read");
            }
            try {
                test = TriageData.load(gold);
            } catch (TriageData.BadRow e) {
                throw new Otklik.UsageError(e.getMessage());
            }
            System.err.println("triage-eval: training on the bundled labelled data...");
            triage = Triage.bundled();
        }
        Triage model = triage;
        TriageEvaluation evaluation = TriageEvaluation.of(test, r -> model.classify(r.text(), r.channel()));
        System.out.print(evaluation.report());
        evaluation.misses().stream().limit(misses).forEach(m -> System.out.printf("%-10s %-11s gold=%-17s got=%-17s %s%n",
                m.id(), m.field(), m.gold(), m.predicted(), m.text().replace('\n', ' ')));
        return 0;
    }
}
