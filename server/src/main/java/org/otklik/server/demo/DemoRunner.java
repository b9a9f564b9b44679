package org.otklik.server.demo;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Once the server is up: seed, print the banner, start the demo users. */
@Component
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoRunner {

    private final DemoSeeder seeder;
    private final DemoTraffic traffic;
    private final DemoListening listening;
    private final DemoProperties properties;

    DemoRunner(DemoSeeder seeder, DemoTraffic traffic, DemoListening listening, DemoProperties properties) {
        this.seeder = seeder;
        this.traffic = traffic;
        this.listening = listening;
        this.properties = properties;
    }

    /** Before the admin bootstrap, which then finds the demo's admin and stays quiet. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void start() {
        DemoCredentials credentials = seeder.seed();
        listening.seed();
        DemoCredentials.Login agent = credentials.agents().get(0);
        Path file = properties.dataDir().toAbsolutePath().resolve("demo-credentials.json");
        System.out.printf("%nOtklik demo is ready: %s%n"
                        + "  sign in as agent %s / %s  (admin: %s / %s)%n"
                        + "  web chat as a user: %s%n"
                        + "  all credentials and the REST channel token: %s%n"
                        + "  mentions inbox (public posts from a demo crawler): %s%n"
                        + "  demo traffic: %s%n%n",
                credentials.url() + "/workspace", agent.login(), agent.password(), credentials.admin().login(),
                credentials.admin().password(), credentials.demoSiteUrl(), file,
                credentials.url() + "/workspace/mentions",
                properties.traffic() ? "on (users write in every ~" + properties.meanArrival().toSeconds() + " s)"
                        : "off");
        if (properties.traffic()) {
            traffic.start();
            listening.start();
        }
    }
}
