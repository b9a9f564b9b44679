package org.otklik.server.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled        seed demo data and print the demo banner
 * @param traffic        play demo users who write in and answer
 * @param dataDir        where {@code demo-credentials.json} is written
 * @param meanArrival    mean time between new demo conversations
 * @param maxWaiting     the demo stops starting conversations while this many wait (nobody online)
 */
@ConfigurationProperties("otklik.demo")
record DemoProperties(boolean enabled, Boolean traffic, Path dataDir, Duration meanArrival, Integer maxWaiting) {

    DemoProperties {
        traffic = traffic == null || traffic;
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        meanArrival = meanArrival == null ? Duration.ofSeconds(20) : meanArrival;
        maxWaiting = maxWaiting == null ? 12 : maxWaiting;
    }
}
