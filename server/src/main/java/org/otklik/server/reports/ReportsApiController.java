package org.otklik.server.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.otklik.server.shared.InvalidInput;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reports over REST: KPI tables (JSON or CSV), the period report, the leads' cockpit. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportsApiController {

    private final ReportQueries queries;
    private final Cockpit cockpit;

    ReportsApiController(JdbcClient jdbc, Cockpit cockpit, ReportsProperties properties) {
        this.queries = new ReportQueries(jdbc, properties.zone());
        this.cockpit = cockpit;
    }

    /** {@code ?from=2026-11-01&to=2026-11-30&by=department&format=csv} */
    @GetMapping
    ResponseEntity<?> kpis(@RequestParam String from, @RequestParam String to,
                           @RequestParam(defaultValue = "total") String by,
                           @RequestParam(defaultValue = "json") String format) {
        List<Map<String, Object>> rows = queries.kpis(date(from, "from"), date(to, "to"), by);
        return switch (format) {
            case "json" -> ResponseEntity.ok(rows);
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"otklik-" + by + "-" + from + "-" + to + ".csv\"")
                    .body(ReportQueries.csv(rows));
            default -> throw new InvalidInput("format", "format must be json or csv");
        };
    }

    @GetMapping("/period")
    Map<String, Object> period(@RequestParam String from, @RequestParam String to) {
        return queries.periodReport(date(from, "from"), date(to, "to"));
    }

    /** The period report as a PDF file (totals, charts, tables by department, channel and agent). */
    @GetMapping(value = "/period.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> periodPdf(@RequestParam String from, @RequestParam String to) {
        return pdf(queries, date(from, "from"), date(to, "to"));
    }

    /** The period a whole report (page or PDF) may cover: in order, and at most 400 days. */
    static void requireReportPeriod(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new InvalidInput("to", "to must not be before from");
        }
        if (first.plusDays(400).isBefore(last)) {
            throw new InvalidInput("from", "at most 400 days at once");
        }
    }

    static ResponseEntity<byte[]> pdf(ReportQueries queries, LocalDate first, LocalDate last) {
        requireReportPeriod(first, last);
        byte[] pdf = ReportPdf.periodReport(queries, "Otklik: report " + first + " — " + last, first, last);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"otklik-report-" + first + "-" + last + ".pdf\"")
                .body(pdf);
    }

    @GetMapping("/cockpit")
    Map<String, Object> cockpit() {
        return cockpit.now();
    }

    static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date like 2026-11-23");
        }
    }
}
