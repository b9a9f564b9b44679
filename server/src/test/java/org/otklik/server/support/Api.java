package org.otklik.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that talks to the running server over real HTTP. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, null);
    }

    public Response post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)), token, body);
    }

    /** A GET whose answer is binary (a PDF, an attachment); fails unless the answer is 200. */
    public byte[] bytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response put(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)), token, body, "PUT");
    }

    public Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token, null);
    }

    public Response postRaw(String path, String token, String rawBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody));
        return send(b, token, null);
    }

    /** A POST of a raw JSON body with one extra header (a platform's webhook call). */
    public Response rawWithHeader(String path, String header, String value, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header(header, value)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return send(b, null, null);
    }

    public Response withHeader(String method, String path, String header, String value, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header(header, value);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b, null, null);
    }

    /** Signs an agent in and returns their API token. */
    public String login(String login, String password) {
        Response r = post("/api/v1/auth/token", null, java.util.Map.of("login", login, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r);
        }
        return r.json().get("token").asString();
    }

    private Response send(HttpRequest.Builder builder, String token, Object body) {
        return send(builder, token, body, body == null ? null : "POST");
    }

    private Response send(HttpRequest.Builder builder, String token, Object body, String method) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null || "POST".equals(method) || "PUT".equals(method)) {
            builder.header("Content-Type", "application/json")
                    .method(method == null ? "POST" : method, HttpRequest.BodyPublishers.ofString(
                            body == null ? "" : JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
