package org.otklik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;


/** Options both {@code demo} and {@code serve} take. */
class ServerOptions {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8080",
            paramLabel = "PORT")
    int port;

    @Option(names = "--data", description = "directory of the embedded H2 database (default: ./data)",
            paramLabel = "DIR")
    Path data;

    /**
     * The server's properties: the port, plus any Spring setting the user passed through as
     * {@code --some.setting=value} (e.g. {@code --otklik.lifecycle.auto-close-after=48h}).
     */
    Map<String, Object> properties(List<String> settings) {
        if (port < 1 || port > 65535) {
            throw new Otklik.UsageError("--port must be between 1 and 65535, not " + port);
        }
        Map<String, Object> p = new HashMap<>();
        for (String setting : settings) {
            Matcher m = SETTING.matcher(setting);
            if (!m.matches()) {
                throw new Otklik.UsageError("unknown option '" + setting + "' (settings go as --name.of.setting=value)");
            }
            p.put(m.group(1), m.group(2));
        }
        p.put("server.port", port);
        return p;
    }

    private static final Pattern SETTING = Pattern.compile("--([a-z][a-zA-Z0-9-]*(?:\\.[a-zA-Z0-9\\[\\]-]+)+)=(.*)",
            Pattern.DOTALL);

    /** The embedded database in {@code dir}, which is created if missing. */
    static Map<String, Object> embeddedDatabase(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException | SecurityException e) {
            throw new Otklik.UsageError("--data " + dir + " cannot be used as a directory: " + e.getMessage());
        }
        if (!Files.isWritable(absolute)) {
            throw new Otklik.UsageError("--data " + dir + " is not writable");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", "jdbc:h2:file:" + absolute.resolve("otklik") + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("spring.datasource.username", "sa");
        p.put("spring.datasource.password", "");
        return p;
    }
}
