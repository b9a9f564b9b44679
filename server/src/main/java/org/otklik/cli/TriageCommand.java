package org.otklik.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.otklik.text.Triage;
import org.otklik.text.TriageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "triage", mixinStandardHelpOptions = true,
        description = "Triage texts from JSONL (id, text, channel?) into JSONL (id, kind, department, private, "
                + "profanity, outage, lang, confidence).")
final class TriageCommand implements Callable<Integer> {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--in", required = true, description = "input JSONL, one {\"id\", \"text\", \"channel\"?} a line",
            paramLabel = "FILE")
    Path in;

    @Option(names = "--out", required = true, description = "output JSONL", paramLabel = "OUT")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(in)) {
            throw new Otklik.UsageError("--in " + in + " cannot be read");
        }
        System.err.println("triage: training on the bundled labelled data...");
        long started = System.nanoTime();
        Triage triage = Triage.bundled();
        System.err.printf("triage: ready in %.1f s (%d labelled texts)%n", (System.nanoTime() - started) / 1e9,
                triage.trainedOn());
        long begin = System.nanoTime();
        long lastReport = begin;
        int line = 0;
        int done = 0;
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = JSON.readTree(text);
                } catch (JacksonException e) {
                    System.err.println("triage: line " + line + ": not JSON, skipped");
                    skipped++;
                    continue;
                }
                String problem = problemOf(row);
                if (problem != null) {
                    System.err.println("triage: line " + line + ": " + problem + ", skipped");
                    skipped++;
                    continue;
                }
                String channel = row.hasNonNull("channel") ? row.get("channel").asString() : null;
                TriageResult r = triage.classify(row.get("text").asString(), channel);
                writer.write(JSON.writeValueAsString(output(row.get("id"), r)));
                writer.newLine();
                done++;
                long now = System.nanoTime();
                if (now - lastReport > 2_000_000_000L) {
                    System.err.printf("triage: %d texts (%.0f/s)%n", done, done / ((now - begin) / 1e9));
                    lastReport = now;
                }
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.err.printf("triage: %d texts written to %s in %.1f s (%.0f/s), %d bad rows skipped%n", done, out,
                seconds, seconds > 0 ? done / seconds : 0, skipped);
        return 0;
    }

    static String problemOf(JsonNode row) {
        if (row == null || !row.isObject()) {
            return "not a JSON object";
        }
        if (!row.hasNonNull("id") || !(row.get("id").isString() || row.get("id").isNumber())) {
            return "id is missing";
        }
        if (!row.hasNonNull("text") || !row.get("text").isString()) {
            return "text is missing or not a string";
        }
        if (row.hasNonNull("channel") && !row.get("channel").isString()) {
            return "channel is not a string";
        }
        return null;
    }

    static Map<String, Object> output(JsonNode id, TriageResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.isNumber() ? id.numberValue() : id.asString());
        out.put("kind", r.kind());
        out.put("department", r.department());
        out.put("private", r.isPrivate());
        out.put("profanity", r.profanity());
        out.put("outage", r.outage());
        out.put("lang", r.lang());
        out.put("translit", r.translit());
        out.put("confidence", r.confidence());
        return out;
    }
}
