package org.otklik.server.listening;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Social listening settings ({@code otklik.listening.*}).
 *
 * @param digestTimes      local times of the day's digests (default 09:00, 14:00, 19:00)
 * @param zone             the zone of those times and of the per-day KPI (default Europe/Moscow)
 * @param digestRecipients e-mail addresses the digests are sent to (none: shown in the workspace only)
 * @param digestFrom       the digests' sender address
 * @param spikeFactor      a stream's count this many times its usual count for the same hours is a spike
 * @param spikeMinimum     and at least this many mentions
 * @param movedToPrivateText the public reply when an agent moves a mention to private messages
 */
@ConfigurationProperties("otklik.listening")
public record ListeningProperties(List<LocalTime> digestTimes, ZoneId zone, List<String> digestRecipients,
                                  String digestFrom, Double spikeFactor, Integer spikeMinimum,
                                  String movedToPrivateText) {

    public ListeningProperties {
        digestTimes = digestTimes == null || digestTimes.isEmpty()
                ? List.of(LocalTime.of(9, 0), LocalTime.of(14, 0), LocalTime.of(19, 0))
                : digestTimes.stream().sorted().distinct().toList();
        zone = zone == null ? ZoneId.of("Europe/Moscow") : zone;
        digestRecipients = digestRecipients == null ? List.of()
                : digestRecipients.stream().filter(r -> !r.isBlank()).toList();
        digestFrom = digestFrom == null ? "otklik@localhost" : digestFrom;
        spikeFactor = spikeFactor == null ? 2.0 : spikeFactor;
        spikeMinimum = spikeMinimum == null ? 5 : spikeMinimum;
        movedToPrivateText = movedToPrivateText == null
                ? "Здравствуйте! Чтобы помочь, нам нужны данные вашего аккаунта — написали вам в личные сообщения."
                : movedToPrivateText;
    }
}
