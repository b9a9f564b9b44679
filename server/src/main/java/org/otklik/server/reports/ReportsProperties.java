package org.otklik.server.reports;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Reports ({@code otklik.reports.*}): the zone that days and hours of reports are counted in. */
@ConfigurationProperties("otklik.reports")
public record ReportsProperties(ZoneId zone) {

    public ReportsProperties {
        zone = zone == null ? ZoneId.of("Europe/Moscow") : zone;
    }
}
