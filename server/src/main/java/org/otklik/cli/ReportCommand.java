package org.otklik.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.otklik.server.reports.ReportPdf;
import org.otklik.server.reports.ReportQueries;
import org.otklik.server.shared.OtklikException;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "KPIs of the conversations received from --from to --to (days, inclusive), from the report "
                + "rollups: volume, first response p50/p90/mean, resolution, SLA attainment, CSAT, confirmed and "
                + "auto-closed shares, reopen rate, overflows.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "first day, e.g. 2026-11-01")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "last day, e.g. 2026-11-30")
    String to;

    @Option(names = "--by", defaultValue = "department", paramLabel = "DIM",
            description = "total, department, channel, agent, region, day or hour (default ${DEFAULT-VALUE})")
    String by;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "table, csv, json, or pdf (the whole period report: totals, charts, tables; needs --out)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the PDF")
    Path out;

    @Option(names = "--db-url", paramLabel = "URL", description = "PostgreSQL JDBC URL (else the embedded database)")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD")
    String dbPassword;

    @Option(names = "--data", paramLabel = "DIR", description = "the embedded database's directory (default ./data)")
    Path data;

    @Override
    public Integer call() {
        LocalDate first = date(from, "--from");
        LocalDate last = date(to, "--to");
        if (!List.of("table", "csv", "json", "pdf").contains(format)) {
            throw new Otklik.UsageError("--format must be table, csv, json or pdf");
        }
        if (format.equals("pdf") != (out != null)) {
            throw new Otklik.UsageError("--out goes with --format pdf, and --format pdf needs --out");
        }
        if (last.isBefore(first)) {
            throw new Otklik.UsageError("--to must not be before --from");
        }
        if (format.equals("pdf")) {
            ReportQueries queries = new ReportQueries(JdbcClient.create(Databases.open(dbUrl, dbUser, dbPassword,
                    data)));
            try {
                java.nio.file.Files.write(out, ReportPdf.periodReport(queries, "Otklik: report " + first + " — "
                        + last, first, last));
            } catch (java.io.IOException e) {
                throw new Otklik.UsageError("cannot write " + out + ": " + e.getMessage());
            }
            System.err.println("otklik: wrote " + out);
            return 0;
        }
        List<Map<String, Object>> rows;
        try {
            rows = new ReportQueries(JdbcClient.create(Databases.open(dbUrl, dbUser, dbPassword, data)))
                    .kpis(first, last, by);
        } catch (OtklikException e) {
            throw new Otklik.UsageError(e.getMessage());
        }
        switch (format) {
            case "csv" -> System.out.print(ReportQueries.csv(rows));
            case "json" -> System.out.println(TriageCommand.JSON.writeValueAsString(rows));
            default -> System.out.print(ReportQueries.table(rows));
        }
        return 0;
    }

    private static LocalDate date(String value, String option) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Otklik.UsageError(option + " must be a date like 2026-11-23");
        }
    }
}
