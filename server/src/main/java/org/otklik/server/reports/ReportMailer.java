package org.otklik.server.reports;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.otklik.server.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * E-mails the periodic reports to {@code otklik.reports.recipients} once each: today's digest so far at each of
 * {@code otklik.reports.digest-times} (09:00, 14:00, 19:00), and after {@code otklik.reports.send-at} (09:00)
 * yesterday's, last month's, last quarter's and last year's reports (totals, by department, by channel).
 */
@Service
public class ReportMailer {

    private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);
    /** The reports that go out with a PDF. */
    private static final java.util.Set<String> PERIODIC = java.util.Set.of("month", "quarter", "year");

    private final JdbcClient jdbc;
    private final ReportQueries queries;
    private final ReportsProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final InstantSource clock;
    private final List<String> recipients;
    private final LocalTime sendAt;
    private final List<LocalTime> digestTimes;
    private final String from;

    ReportMailer(JdbcClient jdbc, ReportsProperties properties, ObjectProvider<JavaMailSender> mail,
                 InstantSource clock, @Value("${otklik.reports.recipients:}") List<String> recipients,
                 @Value("${otklik.reports.send-at:09:00}") LocalTime sendAt,
                 @Value("${otklik.reports.digest-times:09:00,14:00,19:00}") List<LocalTime> digestTimes,
                 @Value("${otklik.reports.from:otklik@localhost}") String from) {
        this.digestTimes = digestTimes.stream().sorted().toList();
        this.jdbc = jdbc;
        this.queries = new ReportQueries(jdbc, properties.zone());
        this.properties = properties;
        this.mail = mail;
        this.clock = clock;
        this.recipients = recipients.stream().filter(r -> !r.isBlank()).toList();
        this.sendAt = sendAt;
        this.from = from;
    }

    /**
     * The reports due now, each as [first day, last day]: today's digest so far after each of the digest times
     * (three a day by default), and after {@code send-at} yesterday's, last month's, quarter's and year's reports.
     */
    Map<String, LocalDate[]> due(ZonedDateTime now) {
        Map<String, LocalDate[]> out = new LinkedHashMap<>();
        LocalDate today = now.toLocalDate();
        for (LocalTime t : digestTimes) {
            if (!now.toLocalTime().isBefore(t)) {
                out.put("digest-" + t, new LocalDate[] {today, today});
            }
        }
        if (now.toLocalTime().isBefore(sendAt)) {
            return out;
        }
        LocalDate yesterday = today.minusDays(1);
        out.put("day", new LocalDate[] {yesterday, yesterday});
        LocalDate month = today.withDayOfMonth(1).minusMonths(1);
        out.put("month", new LocalDate[] {month, month.plusMonths(1).minusDays(1)});
        LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).minusMonths(3);
        out.put("quarter", new LocalDate[] {quarter, quarter.plusMonths(3).minusDays(1)});
        LocalDate year = today.withDayOfYear(1).minusYears(1);
        out.put("year", new LocalDate[] {year, year.plusYears(1).minusDays(1)});
        return out;
    }

    @Scheduled(fixedDelayString = "${otklik.reports.mail-check-interval:10m}",
            initialDelayString = "${otklik.reports.mail-check-interval:10m}")
    public int sendDue() {
        JavaMailSender sender = mail.getIfAvailable();
        if (recipients.isEmpty() || sender == null) {
            return 0;
        }
        int sent = 0;
        for (var e : due(clock.instant().atZone(properties.zone())).entrySet()) {
            LocalDate[] p = e.getValue();
            try {
                jdbc.sql("insert into report_mail (period, period_start, sent_at, recipients) values (?, ?, ?, ?)")
                        .params(e.getKey(), p[0], Times.toDb(clock.instant()), String.join(", ", recipients)).update();
            } catch (DuplicateKeyException already) {
                continue;
            }
            String subject = e.getKey().startsWith("digest-")
                    ? "Otklik: сводка за " + p[0] + " на " + e.getKey().substring(7)
                    : "Otklik: отчёт за " + (p[0].equals(p[1]) ? p[0] : p[0] + " — " + p[1]);
            try {
                if (PERIODIC.contains(e.getKey())) {
                    // monthly, quarterly and annual reports: the text and the printable PDF
                    jakarta.mail.internet.MimeMessage message = sender.createMimeMessage();
                    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
                    helper.setFrom(from);
                    helper.setTo(recipients.toArray(String[]::new));
                    helper.setSubject(subject);
                    helper.setText(text(p[0], p[1]));
                    helper.addAttachment("otklik-report-" + p[0] + "-" + p[1] + ".pdf", new ByteArrayResource(
                            ReportPdf.render(ReportPdf.of(queries, subject, p[0], p[1]))), "application/pdf");
                    sender.send(message);
                } else {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setFrom(from);
                    message.setTo(recipients.toArray(String[]::new));
                    message.setSubject(subject);
                    message.setText(text(p[0], p[1]));
                    sender.send(message);
                }
                sent++;
            } catch (MailException | jakarta.mail.MessagingException ex) {
                // not sent: forget it, so the next check tries again
                jdbc.sql("delete from report_mail where period = ? and period_start = ?").params(e.getKey(), p[0])
                        .update();
                log.warn("reports: the {} report could not be e-mailed: {}", e.getKey(), ex.getMessage());
            }
        }
        return sent;
    }

    String text(LocalDate first, LocalDate last) {
        Map<String, Object> report = queries.periodReport(first, last);
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) report.get("total");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byDepartment = (List<Map<String, Object>>) report.get("byDepartment");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byChannel = (List<Map<String, Object>>) report.get("byChannel");
        @SuppressWarnings("unchecked")
        Map<String, Object> mentions = (Map<String, Object>) report.get("mentions");
        return "Обращения с " + first + " по " + last + "\n\nВсего\n" + ReportQueries.table(List.of(total))
                + "\nУпоминания, требующие ответа: " + mentions.get("actionable") + ", обработано: "
                + mentions.get("processed") + "\n"
                + "\nПо отделам\n" + ReportQueries.table(byDepartment) + "\nПо каналам\n"
                + ReportQueries.table(byChannel);
    }
}
