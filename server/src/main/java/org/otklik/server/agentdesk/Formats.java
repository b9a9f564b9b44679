package org.otklik.server.agentdesk;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Times as people in the support team read them, in the team's time zone ({@code otklik.ui.time-zone}). */
@Component("formats")
public class Formats {

    private final DateTimeFormatter time;
    private final DateTimeFormatter dateTime;

    Formats(@Value("${otklik.ui.time-zone:Europe/Moscow}") String zone) {
        ZoneId id = ZoneId.of(zone);
        this.time = DateTimeFormatter.ofPattern("HH:mm").withZone(id);
        this.dateTime = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(id);
    }

    public String time(Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }
}
