package org.otklik.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Otklik server: on PostgreSQL with --db-url (production), or on an embedded database.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/otklik",
            paramLabel = "URL")
    String dbUrl;

    @Option(names = "--db-user", description = "database user", paramLabel = "USER")
    String dbUser;

    @Option(names = "--db-password", description = "database password (or set SPRING_DATASOURCE_PASSWORD)",
            paramLabel = "PASSWORD")
    String dbPassword;

    @Override
    public Integer call() {
        Map<String, Object> properties = server.properties(settings);
        if (dbUrl != null) {
            if (server.data != null) {
                throw new Otklik.UsageError("give either --data or --db-url, not both");
            }
            if (!dbUrl.startsWith("jdbc:postgresql://")) {
                throw new Otklik.UsageError("--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)");
            }
            properties.put("spring.datasource.url", dbUrl);
            properties.put("spring.datasource.username", dbUser == null ? "" : dbUser);
            if (dbPassword != null) {
                properties.put("spring.datasource.password", dbPassword);
            }
        } else {
            if (dbUser != null || dbPassword != null) {
                throw new Otklik.UsageError("--db-user and --db-password need --db-url");
            }
            properties.putAll(ServerOptions.embeddedDatabase(server.data == null ? Path.of("data") : server.data));
        }
        System.out.println("Starting Otklik on port " + server.port + "...");
        ServerLauncher.start(properties);
        System.out.println("Otklik is ready: http://localhost:" + server.port + "/workspace");
        return 0;
    }
}
