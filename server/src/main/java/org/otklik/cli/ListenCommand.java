package org.otklik.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.otklik.text.listening.Stream;
import org.otklik.text.listening.StreamMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Match public posts (JSONL: id, text) against saved keyword streams; writes one row per post: "
                + "{\"id\", \"streams\": [matched stream ids]}.")
final class ListenCommand implements Callable<Integer> {

    @Option(names = "--streams", required = true, paramLabel = "STREAMS.json",
            description = "stream definitions: {\"id\": {\"name\", \"terms\": [...], \"exclude\": [...]}}")
    Path streams;

    @Option(names = "--in", required = true, paramLabel = "POSTS.jsonl", description = "posts, one {\"id\", \"text\"} a line")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "MATCHES.jsonl", description = "output JSONL")
    Path out;

    /** A post to match, or a bad line (error set) that still gets its output row, in place. */
    private record Row(Object id, String text, String error) {
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(in)) {
            throw new Otklik.UsageError("--in " + in + " cannot be read");
        }
        List<Stream> definitions = ListenEvalCommand.readStreams(streams);
        long started = System.nanoTime();
        int line = 0;
        int done = 0;
        int skipped = 0;
        long lastReport = started;
        try (StreamMatcher matcher = new StreamMatcher(definitions);
             BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            System.err.printf("listen: %d streams ready in %.1f s%n", definitions.size(),
                    (System.nanoTime() - started) / 1e9);
            List<Row> chunk = new ArrayList<>(StreamMatcher.BATCH);
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                Row row = parse(text, line);
                if (row.error() != null) {
                    skipped++;
                }
                chunk.add(row);
                if (chunk.size() == StreamMatcher.BATCH) {
                    done += write(matcher, chunk, writer);
                    long now = System.nanoTime();
                    if (now - lastReport > 2_000_000_000L) {
                        System.err.printf("listen: %d posts (%.0f/s)%n", done, done / ((now - started) / 1e9));
                        lastReport = now;
                    }
                }
            }
            done += write(matcher, chunk, writer);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("listen: %d rows written to %s in %.1f s, %d of them bad (written with \"error\")%n", done,
                out, seconds, skipped);
        return 0;
    }

    private static Row parse(String text, int line) {
        JsonNode row;
        try {
            row = TriageCommand.JSON.readTree(text);
        } catch (JacksonException e) {
            return bad(null, line, "not JSON");
        }
        if (row == null || !row.isObject() || !row.hasNonNull("id")
                || !(row.get("id").isString() || row.get("id").isNumber())) {
            return bad(null, line, "id is missing");
        }
        JsonNode idNode = row.get("id");
        Object id = idNode.isNumber() ? idNode.numberValue() : idNode.asString();
        if (!row.hasNonNull("text") || !row.get("text").isString()) {
            return bad(id, line, "text is missing or not a string");
        }
        return new Row(id, row.get("text").asString(), null);
    }

    private static Row bad(Object id, int line, String why) {
        System.err.println("listen: line " + line + ": " + why);
        return new Row(id, null, "line " + line + ": " + why);
    }

    private static int write(StreamMatcher matcher, List<Row> chunk, BufferedWriter writer) throws IOException {
        List<StreamMatcher.Match> matches = matcher.match(chunk.stream()
                .filter(r -> r.error() == null).map(Row::text).toList());
        int next = 0;
        for (Row row : chunk) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", row.id());
            if (row.error() == null) {
                out.put("streams", matches.get(next++).streams());
            } else {
                out.put("streams", List.of());
                out.put("error", row.error());
            }
            writer.write(TriageCommand.JSON.writeValueAsString(out));
            writer.newLine();
        }
        int n = chunk.size();
        chunk.clear();
        return n;
    }
}
