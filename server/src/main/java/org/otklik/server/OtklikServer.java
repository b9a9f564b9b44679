package org.otklik.server;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Otklik server. Each sub-package is one application module, named after its step in the flow:
 * inbound -> conversation -> routing -> (agentdesk replies) -> csat -> reports.
 */
@SpringBootApplication
@Modulithic(sharedModules = "shared")
@EnableScheduling
@EnableAsync
@ConfigurationPropertiesScan
public class OtklikServer {

    /**
     * All time in Otklik comes from this source; tests replace it with a clock they move by hand. Microseconds, the
     * precision both databases store, so an instant read back equals the one written.
     */
    @Bean
    InstantSource instantSource() {
        return () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static void main(String[] args) {
        SpringApplication.run(OtklikServer.class, args);
    }
}
