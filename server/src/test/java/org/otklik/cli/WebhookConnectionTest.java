package org.otklik.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The load generator's HTTP/1.1 client: keep-alive, Content-Length and chunked answers, and a server that closes. */
class WebhookConnectionTest {

    /** Answers each connection's requests in turn with the given raw answers; records each request's body. */
    private static Thread serve(ServerSocket server, List<String> answers, List<String> bodies) {
        Thread t = new Thread(() -> {
            int next = 0;
            while (next < answers.size()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    while (next < answers.size()) {
                        int length = 0;
                        String line = line(in);
                        if (line == null) {
                            break;
                        }
                        for (; !line.isEmpty(); line = line(in)) {
                            if (line.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                        String answer = answers.get(next++);
                        out.write(answer.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (answer.contains("Connection: close")) {
                            break;
                        }
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String line(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void readsLengthAndChunkedAnswersOnOneConnectionAndReconnectsAfterAClose() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<String> bodies = new CopyOnWriteArrayList<>();
            serve(server, List.of(
                    "HTTP/1.1 202 \r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"status\":\"a\"}",
                    "HTTP/1.1 202 \r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"st\"\r\n8;x=1\r\n:\"wait\"}\r\n0\r\n\r\n",
                    "HTTP/1.1 429 \r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                    "HTTP/1.1 202 \r\nContent-Length: 14\r\n\r\n\"Привет\""), bodies);
            try (WebhookConnection c = new WebhookConnection(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
                byte[] auth = "Bearer t".getBytes(StandardCharsets.US_ASCII);
                assertThat(c.post("/api/v1/inbound", auth, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(new WebhookConnection.Answer(202, "{\"status\":\"a\"}"));
                assertThat(c.post("/api/v1/inbound", auth, "{\"n\":2}".getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(new WebhookConnection.Answer(202, "{\"st\":\"wait\"}"));
                assertThat(c.post("/api/v1/inbound", auth, "{\"n\":3}".getBytes(StandardCharsets.UTF_8)).status())
                        .isEqualTo(429);
                assertThat(c.post("/api/v1/inbound", auth, "{\"т\":4}".getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(new WebhookConnection.Answer(202, "\"Привет\""));
            }
            assertThat(bodies).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"т\":4}");
        }
    }
}
