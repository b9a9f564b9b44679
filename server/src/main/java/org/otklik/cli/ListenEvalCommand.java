package org.otklik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.otklik.text.listening.ListeningEvaluation;
import org.otklik.text.listening.Stream;
import org.otklik.text.listening.StreamMatcher;
import org.otklik.text.listening.Streams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen-eval", mixinStandardHelpOptions = true,
        description = "Micro precision and recall of stream matching over (post, stream) pairs against labelled posts "
                + "(JSONL: id, text, brands), with the misses and false hits listed.")
final class ListenEvalCommand implements Callable<Integer> {

    @Option(names = "--streams", required = true, paramLabel = "STREAMS.json", description = "stream definitions")
    Path streams;

    @Option(names = "--gold", required = true, paramLabel = "FILE.jsonl",
            description = "labelled posts: {\"id\", \"text\", \"brands\": [stream ids]}")
    Path gold;

    @Option(names = "--misses", defaultValue = "100", paramLabel = "N",
            description = "list at most N misses and N false hits (default ${DEFAULT-VALUE})")
    int misses;

    @Override
    public Integer call() throws IOException {
        List<Stream> definitions = readStreams(streams);
        if (!Files.isReadable(gold)) {
            throw new Otklik.UsageError("--gold " + gold + " cannot be read");
        }
        List<ListeningEvaluation.Gold> rows;
        try {
            rows = ListeningEvaluation.readGold(gold);
        } catch (IllegalArgumentException e) {
            throw new Otklik.UsageError("--gold " + gold + ": " + e.getMessage());
        }
        try (StreamMatcher matcher = new StreamMatcher(definitions)) {
            ListeningEvaluation.evaluate(matcher, rows).print(System.out, misses);
        }
        return 0;
    }

    static List<Stream> readStreams(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new Otklik.UsageError("--streams " + file + " cannot be read");
        }
        try {
            return Streams.read(file);
        } catch (IllegalArgumentException e) {
            throw new Otklik.UsageError("--streams " + file + ": " + e.getMessage());
        }
    }
}
