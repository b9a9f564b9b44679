package org.otklik.text.listening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads a stream definition file: a JSON object mapping a stream id to {"name", "terms": [...], "exclude": [...]}. */
public final class Streams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Streams() {
    }

    public static List<Stream> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** @throws IllegalArgumentException naming the stream and field that is wrong */
    public static List<Stream> read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a stream file is a JSON object mapping stream ids to streams");
        }
        List<Stream> streams = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode s = entry.getValue();
            if (!s.isObject()) {
                throw new IllegalArgumentException("stream " + entry.getKey() + " must be an object");
            }
            streams.add(new Stream(entry.getKey(), s.path("name").isString() ? s.get("name").asString() : null,
                    strings(s.get("terms"), entry.getKey(), "terms"),
                    strings(s.get("exclude"), entry.getKey(), "exclude")));
        }
        return streams;
    }

    private static List<String> strings(JsonNode node, String id, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("stream " + id + ": " + field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw new IllegalArgumentException("stream " + id + ": " + field + " must be an array of strings");
            }
            out.add(item.asString());
        }
        return out;
    }
}
