package org.otklik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.otklik.text.FaqEvaluation;
import org.otklik.text.FaqIndex;
import org.otklik.text.LabelledText;
import org.otklik.text.Triage;
import org.otklik.text.TriageData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "faq-eval", mixinStandardHelpOptions = true,
        description = "How often the FAQ would answer labelled texts by itself, and how often wrongly.")
final class FaqEvalCommand implements Callable<Integer> {

    @Option(names = "--faq", description = "FAQ entries, JSONL {\"id\", \"title\", \"body\", \"department\"?} "
            + "(default: the demo FAQ)", paramLabel = "FILE")
    Path faq;

    @Option(names = "--gold", description = "labelled JSONL; default: the 20 % held out of the bundled data",
            paramLabel = "FILE")
    Path gold;

    @Option(names = "--threshold", defaultValue = "0.6", description = "default: ${DEFAULT-VALUE}",
            paramLabel = "0..1")
    double threshold;

    @Option(names = "--examples", defaultValue = "0", description = "list up to N answered texts", paramLabel = "N")
    int examples;

    @Override
    public Integer call() throws IOException {
        if (threshold < 0 || threshold > 1) {
            throw new Otklik.UsageError("--threshold must be between 0 and 1");
        }
        List<FaqIndex.Entry> entries;
        if (faq == null) {
            entries = FaqIndex.demo();
        } else if (!Files.isReadable(faq)) {
            throw new Otklik.UsageError("--faq " + faq + " cannot be read");
        } else {
            entries = FaqIndex.parse(Files.readString(faq));
        }
        List<LabelledText> test;
        Triage triage;
        if (gold == null) {
            TriageData.Split split = TriageData.split(TriageData.bundled(), 0.2);
            triage = Triage.train(split.train());
            test = split.test();
        } else {
            if (!Files.isReadable(gold)) {
                throw new Otklik.UsageError("--gold " + gold + " cannot be read");
            }
            test = TriageData.load(gold);
            triage = Triage.bundled();
        }
        FaqEvaluation evaluation = FaqEvaluation.of(test, triage, FaqIndex.of(entries), threshold);
        System.out.printf("FAQ entries            %d%n", entries.size());
        System.out.print(evaluation.report(threshold));
        evaluation.examples().stream().limit(examples).forEach(System.out::println);
        return 0;
    }

}
