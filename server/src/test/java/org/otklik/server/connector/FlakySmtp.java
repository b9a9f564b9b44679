package org.otklik.server.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP front for GreenMail that can be told to refuse the next connections the way a server that is down does
 * ({@code 421 Service not available}); otherwise it relays bytes to GreenMail. Counts connections (send attempts).
 */
final class FlakySmtp implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    FlakySmtp(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "flaky-smtp");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void refuse(int times) {
        refuseNext.set(times);
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    client.getOutputStream().write("421 otklik.test Service not available\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
                pipe(upstream.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeWhenDone) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side closed
            } finally {
                try {
                    closeWhenDone.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "flaky-smtp-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
