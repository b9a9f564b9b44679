package org.otklik.server.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.otklik.server.reports.internal.Rollups;
import org.otklik.server.shared.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The KPIs of a period from the rollups alone: volume, first response (p50, p90 from the histogram buckets, mean),
 * resolution time, SLA attainment (first response; resolution and next responses counted at close), CSAT (share of
 * 4-5 and mean), confirmed vs auto-closed, reopen rate, abandoned (left while waiting), overflows,
 * by department, channel, agent, region, day or hour. Plain SQL over small rollup tables: usable from the server and
 * from the command line alike.
 */
public final class ReportQueries {

    public static final Set<String> DIMENSIONS = Set.of("total", "department", "channel", "agent", "region", "day",
            "hour");
    private static final String SUMS = "sum(received), sum(first_responses), sum(frt_sum), "
            + String.join(", ", java.util.stream.IntStream.rangeClosed(0, 12).mapToObj(i -> "sum(frt_b" + i + ")")
            .toList()) + ", sum(closed), sum(confirmed), sum(auto_closed), sum(resolution_sum), sum(reopened),"
            + " sum(overflowed), sum(csat_count), sum(csat_positive), sum(csat_sum), sum(sla_total), sum(sla_met),"
            + " sum(abandoned), sum(resolution_total), sum(resolution_met), sum(next_total), sum(next_met)";
    private static final int MEASURES = 32;

    private final JdbcClient jdbc;
    private final java.time.ZoneId zone;

    /** Days counted in Europe/Moscow, the default of {@code otklik.reports.zone}. */
    public ReportQueries(JdbcClient jdbc) {
        this(jdbc, java.time.ZoneId.of("Europe/Moscow"));
    }

    public ReportQueries(JdbcClient jdbc, java.time.ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** One row of KPIs per value of the dimension, for conversations received from {@code from} to {@code to}. */
    public List<Map<String, Object>> kpis(LocalDate from, LocalDate to, String by) {
        if (!DIMENSIONS.contains(by)) {
            throw new InvalidInput("by", "by must be one of " + new java.util.TreeSet<>(DIMENSIONS));
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "to must not be before from");
        }
        if (by.equals("hour")) {
            return hours(from, to);
        }
        String key = switch (by) {
            case "total" -> "'total'";
            case "channel" -> "channel_id";
            case "agent" -> "agent_id";
            case "day" -> "on_day";
            default -> by;
        };
        String table = switch (by) {
            case "agent" -> "report_agent_day";
            case "region" -> "report_region_day";
            default -> "report_day";
        };
        String sql = "select " + key + " as k, " + SUMS + " from " + table + " where on_day >= ? and on_day <= ?"
                + (by.equals("total") ? "" : " group by " + key + " order by " + key);
        return jdbc.sql(sql).params(from, to).query((rs, n) -> {
            if (by.equals("total") && rs.getObject(2) == null) {
                return null; // no rows at all in the period
            }
            long[] v = new long[MEASURES];
            for (int i = 0; i < v.length; i++) {
                v[i] = rs.getLong(i + 2);
            }
            return row(by, String.valueOf(rs.getObject(1)), v);
        }).list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private List<Map<String, Object>> hours(LocalDate from, LocalDate to) {
        return jdbc.sql("select hour_of_day, sum(received), sum(first_responses), sum(frt_sum) from report_hour"
                        + " where on_day >= ? and on_day <= ? group by hour_of_day order by hour_of_day").params(from, to)
                .query((rs, n) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("hour", rs.getInt(1));
                    r.put("received", rs.getLong(2));
                    r.put("firstResponses", rs.getLong(3));
                    r.put("firstResponseMeanSeconds", rs.getLong(3) == 0 ? null : rs.getLong(4) / rs.getLong(3));
                    return r;
                }).list();
    }

    static Map<String, Object> row(String by, String key, long[] v) {
        long received = v[0];
        long firstResponses = v[1];
        long[] buckets = java.util.Arrays.copyOfRange(v, 3, 16);
        long closed = v[16];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(by, key);
        r.put("received", received);
        r.put("firstResponses", firstResponses);
        r.put("firstResponseP50Seconds", percentile(buckets, firstResponses, 0.5));
        r.put("firstResponseP90Seconds", percentile(buckets, firstResponses, 0.9));
        r.put("firstResponseMeanSeconds", firstResponses == 0 ? null : v[2] / firstResponses);
        r.put("closed", closed);
        r.put("confirmedShare", share(v[17], closed));
        r.put("autoClosedShare", share(v[18], closed));
        r.put("resolutionMeanSeconds", closed == 0 ? null : v[19] / closed);
        r.put("reopenRate", share(v[20], received));
        r.put("overflowed", v[21]);
        r.put("csatCount", v[22]);
        r.put("csatPositiveShare", share(v[23], v[22]));
        r.put("csatMean", v[22] == 0 ? null : Math.round(100.0 * v[24] / v[22]) / 100.0);
        r.put("slaAttainment", share(v[26], v[25]));
        r.put("abandoned", v[27]);
        r.put("abandonedShare", share(v[27], received));
        r.put("resolutionSlaAttainment", share(v[29], v[28]));
        r.put("nextResponses", v[30]);
        r.put("nextResponseSlaAttainment", share(v[31], v[30]));
        return r;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
    }

    /** A percentile from the histogram, interpolated within its bucket (the last bucket reports its lower bound). */
    static Long percentile(long[] buckets, long count, double p) {
        if (count == 0) {
            return null;
        }
        double target = p * count;
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (seen + buckets[i] >= target && buckets[i] > 0) {
                long lower = i == 0 ? 0 : Rollups.FRT_BOUNDS[i - 1];
                if (i == Rollups.FRT_BOUNDS.length) {
                    return lower;
                }
                long upper = Rollups.FRT_BOUNDS[i];
                return Math.round(lower + (upper - lower) * ((target - seen) / buckets[i]));
            }
            seen += buckets[i];
        }
        return (long) Rollups.FRT_BOUNDS[Rollups.FRT_BOUNDS.length - 1];
    }

    /** How many first responses fell in each histogram bucket ({@code Rollups.FRT_BOUNDS}, then the rest). */
    public long[] frtHistogram(LocalDate from, LocalDate to) {
        String columns = String.join(", ", java.util.stream.IntStream.rangeClosed(0, 12)
                .mapToObj(i -> "coalesce(sum(frt_b" + i + "), 0)").toList());
        return jdbc.sql("select " + columns + " from report_day where on_day >= ? and on_day <= ?").params(from, to)
                .query((rs, n) -> {
                    long[] v = new long[13];
                    for (int i = 0; i < 13; i++) {
                        v[i] = rs.getLong(i + 1);
                    }
                    return v;
                }).single();
    }

    /** The month (or any period) report: totals, by department, by channel. */
    public Map<String, Object> periodReport(LocalDate from, LocalDate to) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from.toString());
        out.put("to", to.toString());
        List<Map<String, Object>> total = kpis(from, to, "total");
        out.put("total", total.isEmpty() ? row("total", "total", new long[MEASURES]) : total.getFirst());
        out.put("byDepartment", kpis(from, to, "department"));
        out.put("byChannel", kpis(from, to, "channel"));
        out.put("mentions", mentions(from, to));
        return out;
    }

    /**
     * Social listening's KPI for the period: actionable mentions received from {@code from} to {@code to} (days in
     * the reports' zone) and the share of them processed (answered, moved to private, made a conversation or closed
     * with a reason). Actionable mentions are a few percent of all; one indexed count.
     */
    public Map<String, Object> mentions(LocalDate from, LocalDate to) {
        long[] counts = jdbc.sql("""
                        select count(*), sum(case when status <> 'new' then 1 else 0 end) from mention
                        where actionable = true and received_at >= ? and received_at < ?""")
                .params(from.atStartOfDay(zone).toOffsetDateTime(), to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("actionable", counts[0]);
        out.put("processed", counts[1]);
        out.put("processedShare", share(counts[1], counts[0]));
        return out;
    }

    /** KPI rows as a plain-text table (for the terminal and e-mail). */
    public static String table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "no conversations in this period\n";
        }
        List<String> keys = new ArrayList<>(rows.getFirst().keySet());
        int[] width = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            width[i] = keys.get(i).length();
            for (Map<String, Object> r : rows) {
                width[i] = Math.max(width[i], String.valueOf(r.get(keys.get(i))).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            b.append(String.format("%-" + (width[i] + 2) + "s", keys.get(i)));
        }
        b.append('\n');
        for (Map<String, Object> r : rows) {
            for (int i = 0; i < keys.size(); i++) {
                Object v = r.get(keys.get(i));
                b.append(String.format("%-" + (width[i] + 2) + "s", v == null ? "-" : v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** CSV of KPI rows: a header of the keys, values as they are. */
    public static String csv(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.join(",", rows.getFirst().keySet())).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            r.values().forEach(v -> cells.add(v == null ? "" : csvCell(String.valueOf(v))));
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String csvCell(String v) {
        // a leading = + - @ would be a formula in a spreadsheet
        String safe = v.matches("^[=+\\-@].*") && !v.matches("^-?[0-9.]+$") ? "'" + v : v;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
