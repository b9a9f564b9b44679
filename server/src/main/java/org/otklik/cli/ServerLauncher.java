package org.otklik.cli;

import java.util.Map;
import org.otklik.server.OtklikServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application with properties the commands computed. */
final class ServerLauncher {

    private static volatile ConfigurableApplicationContext context;

    private ServerLauncher() {
    }

    /** Properties go in as command-line arguments, so they win over application.yaml and the environment. */
    static void start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(OtklikServer.class).run(args);
    }

    static boolean isServing() {
        return context != null && context.isActive();
    }
}
