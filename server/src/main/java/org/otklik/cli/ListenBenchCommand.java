package org.otklik.cli;

import java.util.concurrent.Callable;
import org.otklik.text.listening.ListeningBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen-bench", mixinStandardHelpOptions = true,
        description = "The firehose benchmark: generated streams and posts matched by Otklik (Lucene Monitor) and, in "
                + "the same run, by a naive scan with one regular expression per stream; prints both rates.")
final class ListenBenchCommand implements Callable<Integer> {

    @Option(names = "--streams", defaultValue = "1000", description = "streams (default ${DEFAULT-VALUE})")
    int streams;

    @Option(names = "--posts", defaultValue = "1000000", description = "posts (default ${DEFAULT-VALUE})")
    int posts;

    @Option(names = "--threads", defaultValue = "2", description = "matching threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--naive-sample", defaultValue = "20000",
            description = "posts the naive scan runs over (default ${DEFAULT-VALUE})")
    int naiveSample;

    @Override
    public Integer call() throws Exception {
        if (streams < 1 || posts < 1000 || threads < 1 || naiveSample < 100) {
            throw new Otklik.UsageError("need --streams >= 1, --posts >= 1000, --threads >= 1, --naive-sample >= 100");
        }
        System.err.printf("listen-bench: %d streams, %d posts, %d threads...%n", streams, posts, threads);
        ListeningBench.run(streams, posts, threads, naiveSample).print(System.out);
        return 0;
    }
}
