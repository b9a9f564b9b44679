package org.otklik.server.escalation;

import java.time.InstantSource;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.otklik.server.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The monthly feature-request summary for the product team ({@code otklik.escalation.product-recipients}), sent
 * once per month as the report mails are: checked every {@code otklik.reports.mail-check-interval}, due after
 * {@code otklik.reports.send-at} from the 1st on (a server that was down on the 1st sends it later), remembered in
 * {@code feature_request_mail} so that it goes out once, forgotten again if the SMTP server refused it.
 */
@Service
class FeatureRequestMailer {

    private static final Logger log = LoggerFactory.getLogger(FeatureRequestMailer.class);

    private final JdbcClient jdbc;
    private final FeatureRequests featureRequests;
    private final ObjectProvider<JavaMailSender> mail;
    private final InstantSource clock;
    private final List<String> recipients;
    private final String from;
    private final LocalTime sendAt;
    private final ZoneId zone;

    FeatureRequestMailer(JdbcClient jdbc, FeatureRequests featureRequests, ObjectProvider<JavaMailSender> mail,
                         InstantSource clock, EscalationProperties properties,
                         @Value("${otklik.reports.from:otklik@localhost}") String from,
                         @Value("${otklik.reports.send-at:09:00}") LocalTime sendAt,
                         @Value("${otklik.reports.zone:Europe/Moscow}") ZoneId zone) {
        this.jdbc = jdbc;
        this.featureRequests = featureRequests;
        this.mail = mail;
        this.clock = clock;
        this.recipients = properties.productRecipients();
        this.from = properties.from() != null ? properties.from() : from;
        this.sendAt = sendAt;
        this.zone = zone;
    }

    @Scheduled(fixedDelayString = "${otklik.reports.mail-check-interval:10m}",
            initialDelayString = "${otklik.reports.mail-check-interval:10m}")
    public int sendDue() {
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(sendAt)) {
            return 0;
        }
        return send(YearMonth.from(now).minusMonths(1)) ? 1 : 0;
    }

    /** Sends the month's summary unless it went out already; false when not sent. */
    boolean send(YearMonth month) {
        JavaMailSender sender = mail.getIfAvailable();
        if (recipients.isEmpty() || sender == null) {
            return false;
        }
        try {
            jdbc.sql("insert into feature_request_mail (period_start, sent_at, recipients) values (?, ?, ?)")
                    .params(month.atDay(1), Times.toDb(clock.instant()), String.join(", ", recipients)).update();
        } catch (DuplicateKeyException already) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipients.toArray(String[]::new));
        message.setSubject("Otklik: пожелания пользователей за " + month);
        message.setText(text(featureRequests.summary(month)));
        try {
            sender.send(message);
            return true;
        } catch (MailException e) {
            jdbc.sql("delete from feature_request_mail where period_start = ?").param(month.atDay(1)).update();
            log.warn("escalation: the feature-request summary for {} could not be e-mailed: {}", month,
                    e.getMessage());
            return false;
        }
    }

    static String text(FeatureRequests.Summary summary) {
        StringBuilder out = new StringBuilder("Пожелания пользователей за " + summary.month() + ": "
                + summary.conversations() + " обращений, " + summary.topics().size() + " тем.\n");
        for (FeatureRequests.Topic t : summary.topics()) {
            out.append("\n").append(t.topic()).append(" — ").append(t.conversations()).append(" обр.; отделы: ")
                    .append(String.join(", ", t.departments())).append("; каналы: ")
                    .append(String.join(", ", t.channels())).append("\n");
            t.examples().forEach(e -> out.append("  «").append(e).append("»\n"));
        }
        return out.toString();
    }
}
