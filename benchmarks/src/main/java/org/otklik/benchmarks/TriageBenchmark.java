package org.otklik.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.otklik.text.LabelledText;
import org.otklik.text.Normalizer;
import org.otklik.text.Triage;
import org.otklik.text.TriageData;
import org.otklik.text.TriageResult;

/**
 * Triage speed on one thread, after the JVM has started and the models are trained: one operation = one text (the
 * bundled labelled texts, in turn) through every decision. Baseline in the same run: normalising the same text, the
 * cheapest step every reader of text must take.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Threads(1)
public class TriageBenchmark {

    private Triage triage;
    private List<LabelledText> texts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        texts = TriageData.bundled();
        triage = Triage.train(texts);
    }

    private LabelledText nextText() {
        LabelledText t = texts.get(next);
        next = (next + 1) % texts.size();
        return t;
    }

    @Benchmark
    public TriageResult triage() {
        LabelledText t = nextText();
        return triage.classify(t.text(), t.channel());
    }

    @Benchmark
    public String normalizeOnly() {
        return Normalizer.normalize(nextText().text());
    }
}
