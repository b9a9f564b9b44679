package org.otklik.cli;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.otklik.server.reports.ReportQueries;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report-bench", mixinStandardHelpOptions = true,
        description = "Loads N generated conversations (a year of them, with their first responses, closes, ratings "
                + "and SLA outcomes) into a PostgreSQL database by COPY, builds the rollups the server writes as "
                + "events happen, and times the month report and the cockpit's queries against a scan of the "
                + "per-conversation rows in the same run.")
final class ReportBenchCommand implements Callable<Integer> {

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/otklik_report_bench",
            paramLabel = "URL", description = "PostgreSQL database to fill (created if missing; its report tables are "
            + "emptied first). Default ${DEFAULT-VALUE}")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", paramLabel = "USER")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", paramLabel = "PASSWORD")
    String dbPassword;

    @Option(names = "--conversations", defaultValue = "10000000", paramLabel = "N")
    long conversations;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "R", description = "timed runs per query (median)")
    int runs;

    private static final String[] DEPARTMENTS = {"payments", "access", "violations", "other"};
    private static final String[] CHANNELS = {"vk-community", "ok-group", "telegram-bot", "mail-support",
            "site-chat", "app-api"};
    private static final String[] REGIONS = {"Москва", "Санкт-Петербург", "Нижний Новгород", "Казань",
            "Екатеринбург", "Новосибирск", "Краснодар", ""};
    private static final int AGENTS = 40;

    @Override
    public Integer call() throws Exception {
        if (!dbUrl.startsWith("jdbc:postgresql://")) {
            throw new Otklik.UsageError("--db-url must be a PostgreSQL JDBC URL");
        }
        if (conversations < 1000 || conversations > 100_000_000L) {
            throw new Otklik.UsageError("--conversations must be 1000 to 100000000");
        }
        if (runs < 1 || runs > 100) {
            throw new Otklik.UsageError("--runs must be 1 to 100");
        }
        createDatabaseIfMissing();
        Flyway.configure().dataSource(dbUrl, dbUser, dbPassword)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("truncate report_conversation, report_day, report_agent_day, report_region_day, report_hour");
            }
            LocalDate today = LocalDate.now();
            LocalDate first = today.minusDays(364);
            long t0 = System.nanoTime();
            copyConversations(c, first);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            buildRollups(c);
            double rollupSeconds = (System.nanoTime() - t1) / 1e9;
            try (var st = c.createStatement()) {
                st.execute("analyze report_conversation");
                st.execute("analyze report_day");
                st.execute("analyze report_agent_day");
                st.execute("analyze report_region_day");
                st.execute("analyze report_hour");
            }
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
            ReportQueries queries = new ReportQueries(jdbc);
            LocalDate monthStart = today.withDayOfMonth(1).minusMonths(1);
            LocalDate monthEnd = today.withDayOfMonth(1).minusDays(1);
            double month = median(() -> queries.periodReport(monthStart, monthEnd));
            double cockpit = median(() -> {
                queries.kpis(today, today, "total");
                queries.kpis(today, today, "department");
            });
            double scan = median(1, () -> jdbc.sql("""
                    select department, count(*), avg(first_response_seconds),
                           percentile_cont(0.5) within group (order by first_response_seconds),
                           percentile_cont(0.9) within group (order by first_response_seconds),
                           avg(closed_seconds), avg(case when csat_score >= 4 then 1.0 else 0.0 end),
                           avg(case when sla_first_met then 1.0 else 0.0 end)
                    from report_conversation where on_day between ? and ? group by department""")
                    .params(monthStart, monthEnd).query().listOfRows());
            long dbSize = jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
            long dayRows = jdbc.sql("select (select count(*) from report_day) + (select count(*) from report_agent_day)"
                    + " + (select count(*) from report_region_day)").query(Long.class).single();
            System.out.printf("conversations            %,d (%s .. %s)%n", conversations, first, today);
            System.out.printf("load by COPY             %.1f s (%,.0f rows/s)%n", loadSeconds,
                    conversations / loadSeconds);
            System.out.printf("rollups built            %.1f s (%,d rows in the three day rollups)%n", rollupSeconds,
                    dayRows);
            System.out.printf("database size            %,d MB%n", dbSize / 1024 / 1024);
            System.out.printf("month report             %.1f ms median of %d (%s .. %s: totals, by department, "
                    + "by channel)%n", month, runs, monthStart, monthEnd);
            System.out.printf("cockpit (today's KPIs)   %.1f ms median of %d%n", cockpit, runs);
            System.out.printf("baseline: scan of rows   %.1f ms (the same month's KPIs by department from the "
                    + "per-conversation rows)%n", scan);
            System.out.printf("speed-up                 %.0fx (month report vs scan)%n", scan / month);
        }
        return 0;
    }

    private void createDatabaseIfMissing() throws SQLException {
        String name = dbUrl.replaceAll("^jdbc:postgresql://[^/]+/", "").replaceAll("[?].*$", "");
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new Otklik.UsageError("--db-url: the database name must be lower-case letters, digits and _");
        }
        String admin = dbUrl.replace("/" + name, "/postgres");
        try (Connection c = DriverManager.getConnection(admin, dbUser, dbPassword);
             var st = c.createStatement();
             var rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!rs.next()) {
                st.execute("create database " + name);
            }
        }
    }

    /** Generated conversations, streamed to COPY: a year, evening-heavy hours, long-tailed first responses. */
    private void copyConversations(Connection c, LocalDate first) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long[] done = {0};
        long started = System.nanoTime();
        Reader rows = new Reader() {
            final SplittableRandom random = new SplittableRandom(42);
            final StringBuilder buffer = new StringBuilder(1 << 16);
            int position;

            @Override
            public int read(char[] out, int offset, int length) {
                if (position == buffer.length()) {
                    buffer.setLength(0);
                    position = 0;
                    for (int i = 0; i < 2000 && done[0] < conversations; i++) {
                        row(done[0]++, random, first, buffer);
                        if (done[0] % 1_000_000 == 0) {
                            System.err.printf("report-bench: %,d conversations loaded (%.0f/s)%n", done[0],
                                    done[0] / ((System.nanoTime() - started) / 1e9));
                        }
                    }
                    if (buffer.isEmpty()) {
                        return -1;
                    }
                }
                int n = Math.min(length, buffer.length() - position);
                buffer.getChars(position, position + n, out, offset);
                position += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        copy.copyIn("copy report_conversation (conversation_id, created_at, on_day, department, channel_id, region,"
                + " agent_id, first_response_seconds, closed_seconds, close_reason, csat_score, reopened, overflowed,"
                + " sla_first_met) from stdin", rows);
    }

    private void row(long id, SplittableRandom r, LocalDate first, StringBuilder b) {
        LocalDate day = first.plusDays(r.nextInt(365));
        int hour = Math.min(23, (int) Math.abs(14 + r.nextGaussian() * 5));
        String dept = DEPARTMENTS[r.nextInt(DEPARTMENTS.length)];
        int agent = 1 + r.nextInt(AGENTS);
        long frt = (long) Math.exp(4.2 + r.nextGaussian() * 1.1); // median ~67 s, long tail
        boolean closed = r.nextDouble() < 0.93;
        boolean confirmed = r.nextDouble() < 0.8;
        b.append(id).append('\t').append(day).append(' ').append(hour < 10 ? "0" : "").append(hour)
                .append(":00:00+03\t").append(day).append('\t').append(dept).append('\t')
                .append(CHANNELS[r.nextInt(CHANNELS.length)]).append('\t').append(REGIONS[r.nextInt(REGIONS.length)])
                .append('\t').append(agent).append('\t').append(frt).append('\t');
        if (closed) {
            b.append(frt + (long) Math.exp(6.5 + r.nextGaussian())).append('\t')
                    .append(confirmed ? "confirmed" : "auto_closed").append('\t');
            b.append(confirmed && r.nextDouble() < 0.7 ? Integer.toString(r.nextDouble() < 0.88 ? 4 + r.nextInt(2)
                    : 1 + r.nextInt(3)) : "\\N").append('\t');
        } else {
            b.append("\\N\t\\N\t\\N\t");
        }
        b.append(r.nextDouble() < 0.04 ? 1 : 0).append('\t').append(r.nextDouble() < 0.02 ? 't' : 'f').append('\t')
                .append(frt <= 900 ? 't' : 'f').append('\n');
    }

    /** The rollups as the server's projection would have written them, built here in one pass. */
    private static void buildRollups(Connection c) throws SQLException {
        List<String> buckets = new ArrayList<>();
        int[] bounds = org.otklik.server.reports.internal.Rollups.FRT_BOUNDS;
        for (int i = 0; i <= bounds.length; i++) {
            String low = i == 0 ? "first_response_seconds >= 0" : "first_response_seconds > " + bounds[i - 1];
            String high = i == bounds.length ? "" : " and first_response_seconds <= " + bounds[i];
            buckets.add("count(*) filter (where " + low + high + ")");
        }
        try (var st = c.createStatement()) {
            String measures = "count(*), count(first_response_seconds), coalesce(sum(first_response_seconds), 0), "
                    + String.join(", ", buckets) + ", count(close_reason), "
                    + "count(*) filter (where close_reason = 'confirmed'), "
                    + "count(*) filter (where close_reason = 'auto_closed'), coalesce(sum(closed_seconds), 0), "
                    + "sum(reopened), count(*) filter (where overflowed), count(csat_score), "
                    + "count(*) filter (where csat_score >= 4), coalesce(sum(csat_score), 0), "
                    + "count(sla_first_met), count(*) filter (where sla_first_met)";
            String columns = "received, first_responses, frt_sum, " + frtColumns() + ", closed, confirmed, auto_closed,"
                    + " resolution_sum, reopened, overflowed, csat_count, csat_positive, csat_sum, sla_total, sla_met";
            st.execute("insert into report_day (on_day, department, channel_id, " + columns + ") select on_day, department,"
                    + " channel_id, " + measures + " from report_conversation group by on_day, department, channel_id");
            st.execute("insert into report_agent_day (on_day, agent_id, department, " + columns + ") select on_day,"
                    + " agent_id, department, " + measures + " from report_conversation where agent_id is not null"
                    + " group by on_day, agent_id, department");
            st.execute("insert into report_region_day (on_day, region, " + columns + ") select on_day, region, "
                    + measures + " from report_conversation group by on_day, region");
            st.execute("insert into report_hour (on_day, hour_of_day, department, channel_id, received, first_responses, frt_sum) "
                    + "select on_day, extract(hour from created_at at time zone 'Europe/Moscow')::int, department, "
                    + "channel_id, count(*), count(first_response_seconds), coalesce(sum(first_response_seconds), 0) "
                    + "from report_conversation group by 1, 2, 3, 4");
        }
    }

    private static String frtColumns() {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            cols.add("frt_b" + i);
        }
        return String.join(", ", cols);
    }

    private double median(Runnable query) {
        return median(runs, query);
    }

    private static double median(int times, Runnable query) {
        query.run(); // warm the caches once
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            query.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[times / 2];
    }
}
