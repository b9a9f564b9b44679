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

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Otklik on an embedded database with demo agents, channels and (by default) demo traffic.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Option(names = "--traffic", description = "play demo users who write in: on or off (default: ${DEFAULT-VALUE})",
            defaultValue = "on", paramLabel = "on|off")
    String traffic;

    @Override
    public Integer call() {
        if (!traffic.equals("on") && !traffic.equals("off")) {
            throw new Otklik.UsageError("--traffic must be on or off, not '" + traffic + "'");
        }
        Path data = server.data == null ? Path.of("data") : server.data;
        Map<String, Object> properties = server.properties(settings);
        properties.putAll(ServerOptions.embeddedDatabase(data));
        properties.put("otklik.demo.enabled", "true");
        properties.put("otklik.demo.traffic", traffic.equals("on"));
        properties.put("otklik.demo.data-dir", data.toAbsolutePath().normalize().toString());
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.otklik", "INFO");
        System.out.println("Starting Otklik demo on port " + server.port + " (data in "
                + data.toAbsolutePath().normalize() + ")...");
        ServerLauncher.start(properties);
        return 0;
    }
}
