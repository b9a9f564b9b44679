package org.otklik.server.listening;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.otklik.server.listening.internal.DigestStore;
import org.otklik.server.listening.internal.MentionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Digests three times a day (at {@code otklik.listening.digest-times}): for the hours since the previous digest,
 * the mentions per stream by kind and sentiment, the actionable ones still unanswered, and the streams whose count is
 * a spike against the same hours of the previous seven days. Stored (shown in the workspace) and e-mailed to
 * {@code otklik.listening.digest-recipients}.
 */
@Service
public class MentionDigests {

    private static final Logger log = LoggerFactory.getLogger(MentionDigests.class);
    private static final int UNANSWERED_LISTED = 20;

    private final MentionStore mentions;
    private final DigestStore digests;
    private final StreamManagement streams;
    private final ListeningProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final InstantSource clock;

    MentionDigests(MentionStore mentions, DigestStore digests, StreamManagement streams,
                   ListeningProperties properties, ObjectProvider<JavaMailSender> mail, InstantSource clock) {
        this.mentions = mentions;
        this.digests = digests;
        this.streams = streams;
        this.properties = properties;
        this.mail = mail;
        this.clock = clock;
    }

    public List<MentionDigest> recent(int limit) {
        return digests.recent(limit);
    }

    /** Makes the latest digest that is due and not made yet (none at all when it exists); the check runs each minute. */
    @Scheduled(fixedDelayString = "${otklik.listening.digest-check-interval:60s}", initialDelayString = "PT20S")
    public Optional<MentionDigest> makeDue() {
        Instant now = clock.instant();
        Instant end = latestDigestTime(now);
        if (digests.exists(end)) {
            return Optional.empty();
        }
        Instant start = previousDigestTime(end);
        Map<String, Object> content = content(start, end);
        long id;
        try {
            id = digests.insert(start, end, now, content);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return Optional.empty();
        }
        String to = email(start, end, content);
        if (to != null) {
            digests.emailed(id, to);
        }
        return digests.recent(1).stream().findFirst();
    }

    /** The digest's content for [start, end). */
    public Map<String, Object> content(Instant start, Instant end) {
        Map<String, String> names = new LinkedHashMap<>();
        streams.all().forEach(s -> names.put(s.id(), s.name()));
        Map<String, Map<String, Integer>> counts = mentions.countsByStreamAndKind(start, end);
        List<Map<String, Object>> perStream = new ArrayList<>();
        counts.forEach((stream, byKind) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stream", stream);
            row.put("name", names.getOrDefault(stream, stream));
            row.put("total", byKind.values().stream().mapToInt(Integer::intValue).sum());
            row.put("byKind", byKind);
            row.put("sentiment", sentiment(byKind));
            perStream.add(row);
        });
        List<Map<String, Object>> unanswered = new ArrayList<>();
        for (MentionView m : mentions.list(null, "new", true, UNANSWERED_LISTED)) {
            if (m.receivedAt().isBefore(end)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", m.id());
                row.put("streams", List.copyOf(m.streams().keySet()));
                row.put("kind", m.kind());
                row.put("receivedAt", m.receivedAt().toString());
                row.put("text", m.text().length() > 200 ? m.text().substring(0, 200) + "…" : m.text());
                unanswered.add(row);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("periodStart", start.toString());
        out.put("periodEnd", end.toString());
        out.put("streams", perStream);
        out.put("unanswered", unanswered);
        out.put("spikes", spikes(start, end, counts, names));
        return out;
    }

    private List<Map<String, Object>> spikes(Instant start, Instant end, Map<String, Map<String, Integer>> counts,
                                             Map<String, String> names) {
        Map<String, Integer> usualTotals = new LinkedHashMap<>();
        for (int day = 1; day <= 7; day++) {
            Duration back = Duration.ofDays(day);
            mentions.countsByStreamAndKind(start.minus(back), end.minus(back)).forEach((stream, byKind) ->
                    usualTotals.merge(stream, byKind.values().stream().mapToInt(Integer::intValue).sum(),
                            Integer::sum));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        counts.forEach((stream, byKind) -> {
            int count = byKind.values().stream().mapToInt(Integer::intValue).sum();
            double usual = usualTotals.getOrDefault(stream, 0) / 7.0;
            if (count >= properties.spikeMinimum() && count >= properties.spikeFactor() * Math.max(usual, 1.0)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("stream", stream);
                row.put("name", names.getOrDefault(stream, stream));
                row.put("count", count);
                row.put("usual", Math.round(usual * 10) / 10.0);
                out.add(row);
            }
        });
        return out;
    }

    private static Map<String, Integer> sentiment(Map<String, Integer> byKind) {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("negative", byKind.entrySet().stream()
                .filter(e -> e.getKey().equals("problem") || e.getKey().startsWith("negative"))
                .mapToInt(Map.Entry::getValue).sum());
        s.put("neutral", byKind.getOrDefault("context", 0));
        s.put("positive", byKind.getOrDefault("praise", 0));
        return s;
    }

    Instant latestDigestTime(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        LocalDate day = local.toLocalDate();
        for (int back = 0; back < 2; back++) {
            List<LocalTime> times = properties.digestTimes();
            for (int i = times.size() - 1; i >= 0; i--) {
                Instant candidate = day.minusDays(back).atTime(times.get(i)).atZone(properties.zone()).toInstant();
                if (!candidate.isAfter(now)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no digest time configured");
    }

    Instant previousDigestTime(Instant end) {
        return latestDigestTime(end.minusSeconds(1));
    }

    private String email(Instant start, Instant end, Map<String, Object> content) {
        List<String> to = properties.digestRecipients();
        JavaMailSender sender = mail.getIfAvailable();
        if (to.isEmpty() || sender == null) {
            return null;
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(properties.zone());
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.digestFrom());
        message.setTo(to.toArray(String[]::new));
        message.setSubject("Otklik: упоминания " + time.format(start) + " — " + time.format(end));
        message.setText(text(content, time, start, end));
        try {
            sender.send(message);
            return String.join(", ", to);
        } catch (MailException e) {
            log.warn("listening: the digest for {} could not be e-mailed: {}", end, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> content, DateTimeFormatter time, Instant start, Instant end) {
        StringBuilder b = new StringBuilder();
        b.append("Упоминания с ").append(time.format(start)).append(" по ").append(time.format(end)).append("\n\n");
        List<Map<String, Object>> perStream = (List<Map<String, Object>>) content.get("streams");
        if (perStream.isEmpty()) {
            b.append("Упоминаний нет.\n");
        }
        for (Map<String, Object> s : perStream) {
            b.append(s.get("name")).append(": ").append(s.get("total")).append(" (")
                    .append(s.get("sentiment")).append(") ").append(s.get("byKind")).append("\n");
        }
        List<Map<String, Object>> spikes = (List<Map<String, Object>>) content.get("spikes");
        if (!spikes.isEmpty()) {
            b.append("\nВсплески:\n");
            spikes.forEach(s -> b.append("  ").append(s.get("name")).append(": ").append(s.get("count"))
                    .append(" при обычных ").append(s.get("usual")).append("\n"));
        }
        List<Map<String, Object>> open = (List<Map<String, Object>>) content.get("unanswered");
        b.append("\nЖдут ответа: ").append(open.size()).append("\n");
        open.forEach(m -> b.append("  #").append(m.get("id")).append(" ").append(m.get("streams")).append(" ")
                .append(m.get("text")).append("\n"));
        return b.toString();
    }
}
