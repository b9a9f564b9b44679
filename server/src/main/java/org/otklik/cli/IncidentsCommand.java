package org.otklik.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.otklik.engine.incidents.IncidentDetector;
import org.otklik.text.Triage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

@Command(name = "incidents", mixinStandardHelpOptions = true,
        description = "Replays timestamped messages (JSONL: id, ts, channel, region, text, outage?) through outage "
                + "detection and prints the incidents it would open; rows without an outage key are triaged first.")
final class IncidentsCommand implements Callable<Integer> {

    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Option(names = "--in", required = true, paramLabel = "MESSAGES.jsonl")
    Path in;

    @Option(names = "--json", paramLabel = "OUT",
            description = "also write the incidents as a JSON array: opened_at, closed_at, reports, components, regions")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(in)) {
            throw new Otklik.UsageError("--in " + in + " cannot be read");
        }
        IncidentDetector detector = null; // made at the first row: a week's hours are counted in its offset
        Triage triage = null;
        ZoneOffset offset = null;
        OffsetDateTime previous = null;
        int line = 0;
        int bad = 0;
        int triaged = 0;
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode row;
                OffsetDateTime ts;
                try {
                    row = TriageCommand.JSON.readTree(text);
                    ts = OffsetDateTime.parse(row.get("ts").asString());
                } catch (JacksonException | DateTimeParseException | NullPointerException e) {
                    System.err.println("incidents: line " + line + ": not a message with an ISO-8601 ts, skipped");
                    bad++;
                    continue;
                }
                if (previous != null && ts.isBefore(previous)) {
                    throw new Otklik.UsageError("--in: line " + line + " is earlier than the line before; sort the "
                            + "messages by ts");
                }
                previous = ts;
                if (detector == null) {
                    offset = ts.getOffset();
                    detector = new IncidentDetector(IncidentDetector.Settings.defaults().in(offset));
                }
                String outage;
                if (row.has("outage")) {
                    outage = row.get("outage").isNull() ? null : row.get("outage").asString();
                } else {
                    if (triage == null) {
                        System.err.println("incidents: rows without an outage label: training triage...");
                        triage = Triage.bundled();
                    }
                    outage = triage.classify(row.path("text").asString(""), row.path("channel").asString(null))
                            .outage();
                    triaged++;
                }
                detector.add(new IncidentDetector.Message(ts.toInstant(), outage, row.path("region").asString(""),
                        row.path("channel").asString(null)));
            }
        }
        List<IncidentDetector.Incident> incidents = detector == null ? List.of() : detector.finish();
        ZoneOffset zone = offset == null ? ZoneOffset.UTC : offset;
        List<Map<String, Object>> out = new ArrayList<>();
        for (IncidentDetector.Incident i : incidents) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("opened_at", ISO.format(i.openedAt().atOffset(zone)));
            o.put("closed_at", i.closedAt() == null ? null : ISO.format(i.closedAt().atOffset(zone)));
            o.put("reports", i.reports());
            o.put("components", i.components());
            o.put("regions", i.regions());
            o.put("channels", i.channels());
            o.put("trigger", i.trigger());
            out.add(o);
            System.out.printf("incident opened %s, %s, %d reports, components %s, top regions %s%n",
                    o.get("opened_at"), i.closedAt() == null ? "still open" : "closed " + o.get("closed_at"),
                    i.reports(), i.components(), top(i.regions()));
        }
        if (incidents.isEmpty()) {
            System.out.println("no incident");
        }
        System.err.printf("incidents: %d lines, %d skipped, %d triaged here%n", line, bad, triaged);
        if (json != null) {
            Files.writeString(json, TriageCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        }
        return 0;
    }

    private static String top(Map<String, Integer> regions) {
        return regions.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .map(e -> e.getKey() + " " + e.getValue()).toList().toString();
    }
}
