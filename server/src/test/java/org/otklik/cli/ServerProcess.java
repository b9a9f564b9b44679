package org.otklik.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.otklik.server.support.TestDatabase;

/** A real server process started by the launcher on a PostgreSQL database, for tests that kill and restart it. */
final class ServerProcess {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private ServerProcess() {
    }

    /**
     * Starts {@code ./otklik serve} (never rebuilding) with its output in {@code log}, and waits up to 90 s until it is
     * ready; a server that exits or does not get ready is stopped and its log is in the exception.
     */
    static Process start(String db, int port, Path log, String adminPassword, String... settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("otklik").toString(), "serve", "--port",
                Integer.toString(port), "--db-url", db, "--db-user", TestDatabase.user()));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OTKLIK_NO_BUILD", "1");
        builder.environment().put("OTKLIK_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Process p = builder.start();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            if (Files.readString(log).contains("Otklik is ready")) {
                return p;
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the server did not start within 90 s: " + Files.readString(log));
    }

    /** The first column of the first row of a query, on its own connection. */
    static long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, TestDatabase.user(), TestDatabase.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
