package org.otklik.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that posts JSON and reads the answer (Content-Length or chunked), for the load
 * generator: the measured traffic's client must take as little of the shared two cores as it can, and Java's
 * HttpClient took a fifth of them at 400-500 requests/s. Not thread-safe: one sender owns it. Plain HTTP only.
 */
final class WebhookConnection implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private static final int MAX_HEADER_LINE = 8192;

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    WebhookConnection(URI base) {
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("the load generator speaks plain http, not " + base.getScheme());
        }
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = (host + ":" + port).getBytes(StandardCharsets.US_ASCII);
    }

    Answer post(String path, byte[] authorization, byte[] json) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream(512 + json.length);
        request.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(hostHeader);
        request.writeBytes("\r\nAuthorization: ".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(authorization);
        request.writeBytes(("\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(json);
        request.writeTo(out);
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                copy(size, body);
                line(); // the CRLF after the chunk
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers: none expected, skipped
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            closes = true; // no length: the body ends with the connection
            body.writeBytes(in.readAllBytes());
        }
        if (closes) {
            close();
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = in.readNBytes((int) n);
        if (buffer.length != n) {
            throw new IOException("the connection closed in the middle of an answer");
        }
        to.writeBytes(buffer);
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_HEADER_LINE) {
                throw new IOException("header line too long");
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
