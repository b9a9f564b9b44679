package org.otklik.server.connector;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Calls to the platforms' HTTP APIs. A platform that cannot be reached is a retryable {@link DeliveryFailure}; the
 * message names the host only, since some platforms put the token in the path.
 */
@Component
public class PlatformHttp {

    /** A platform's answer. */
    public record Response(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Response postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), url);
    }

    public Response postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), url);
    }

    /** Downloads a file: at most {@code maxBytes + 1} bytes are read, so the caller can tell it was too large. */
    public byte[] download(String url, long maxBytes) {
        try {
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw DeliveryFailure.permanent("the file could not be fetched (" + r.statusCode() + ")");
                }
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
        } catch (IOException e) {
            throw DeliveryFailure.retryable("could not reach " + URI.create(url).getHost() + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted while fetching a file");
        }
    }

    private Response send(HttpRequest.Builder request, String url) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw DeliveryFailure.retryable("could not reach " + URI.create(url).getHost() + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted while calling " + URI.create(url).getHost());
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
