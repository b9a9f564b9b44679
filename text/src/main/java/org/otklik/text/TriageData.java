package org.otklik.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Labelled texts in JSONL (one object a line, the format of data/triage-sample.jsonl). */
public final class TriageData {

    /** The labelled files that ship with Otklik (text/data/triage), in the jar. */
    private static final List<String> BUNDLED = List.of("part-a", "part-b", "part-c", "part-d", "part-e", "part-f",
            "part-g", "part-h", "part-i", "part-j", "part-k", "part-l");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A line that is not a usable labelled row. */
    public static final class BadRow extends RuntimeException {
        public BadRow(String message) {
            super(message);
        }
    }

    private TriageData() {
    }

    /** The bundled labelled data, each text once. */
    public static List<LabelledText> bundled() {
        List<LabelledText> rows = new ArrayList<>();
        for (String name : BUNDLED) {
            String resource = "data/triage/" + name + ".jsonl";
            try (InputStream in = TriageData.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("labelled data missing from the jar: " + resource);
                }
                rows.addAll(read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines(),
                        resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return distinct(rows);
    }

    /** Every *.jsonl file of a directory, or one file. */
    public static List<LabelledText> load(Path path) {
        try {
            List<Path> files;
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
                }
            } else {
                files = List.of(path);
            }
            List<LabelledText> rows = new ArrayList<>();
            for (Path file : files) {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    rows.addAll(read(lines, file.toString()));
                }
            }
            return distinct(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LabelledText> read(Stream<String> lines, String source) {
        List<LabelledText> rows = new ArrayList<>();
        int[] number = {0};
        lines.forEach(line -> {
            number[0]++;
            if (!line.isBlank()) {
                rows.add(parse(line, source + ":" + number[0]));
            }
        });
        return rows;
    }

    /** One labelled row; fails with {@link BadRow} naming the line and the field. */
    public static LabelledText parse(String line, String where) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new BadRow(where + ": not JSON");
        }
        if (row == null || !row.isObject()) {
            throw new BadRow(where + ": not a JSON object");
        }
        String text = text(row, "text");
        if (text == null) {
            throw new BadRow(where + ": text is missing");
        }
        String kind = text(row, "kind");
        if (kind == null) {
            throw new BadRow(where + ": kind is missing");
        }
        return new LabelledText(text(row, "id"), text(row, "channel"), text, kind, text(row, "department"),
                bool(row, "private"), bool(row, "profanity"), text(row, "outage"), text(row, "lang"),
                bool(row, "translit"));
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static boolean bool(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v != null && v.asBoolean();
    }

    private static List<LabelledText> distinct(List<LabelledText> rows) {
        Set<String> seen = new HashSet<>();
        return rows.stream().filter(r -> seen.add(Normalizer.normalize(r.text()).strip())).toList();
    }

    /** A deterministic split by id: about {@code share} of the rows for evaluation, the rest for training. */
    public static Split split(List<LabelledText> rows, double share) {
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> test = new ArrayList<>();
        for (LabelledText r : rows) {
            int bucket = Math.floorMod(stableHash(r.id() == null ? r.text() : r.id()), 1000);
            (bucket < share * 1000 ? test : train).add(r);
        }
        return new Split(train, test);
    }

    public record Split(List<LabelledText> train, List<LabelledText> test) {
    }

    private static int stableHash(String s) {
        int h = 0x811c9dc5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        return h;
    }
}
