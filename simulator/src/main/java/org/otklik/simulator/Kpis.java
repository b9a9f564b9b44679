package org.otklik.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one simulated run, named as in scenarios/README.md.
 *
 * @param waitEstimateMaeSeconds null when the policy tells users no estimate (round-robin)
 * @param erlangCWaitP90Seconds  the M/M/c p90 wait of the busiest hour, all skills pooled, for reference; infinite when
 *                               that hour's load exceeds the slots on shift
 */
public record Kpis(double frtP50Seconds, double frtP90Seconds, double frtP99Seconds, double waitP90Seconds,
                   int abandoned, int overflow, double slaAttainment, double occupancy, Double waitEstimateMaeSeconds,
                   double erlangCWaitP90Seconds, String policy, int arrivals) {

    static Kpis of(Scenario s, Simulation.Policy policy, Instant start, Instant end,
                   Collection<Simulation.Conversation> conversations, List<Simulation.SimAgent> agents) {
        List<Double> frt = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        double errorSum = 0;
        int estimated = 0;
        int abandoned = 0;
        int overflow = 0;
        int met = 0;
        double busy = 0;
        for (Simulation.Conversation c : conversations) {
            if (c.abandoned) {
                abandoned++;
            }
            if (c.overflowed) {
                overflow++;
            }
            if (c.firstReplyAt != null) {
                double seconds = seconds(c.arrival.at(), c.firstReplyAt);
                frt.add(seconds);
                if (seconds <= s.firstResponse().toSeconds()) {
                    met++;
                }
            }
            if (c.assignedAt != null) {
                double wait = seconds(c.arrival.at(), c.assignedAt);
                waits.add(wait);
                if (c.toldWait != null) {
                    errorSum += Math.abs(c.toldWait.toMillis() / 1000.0 - wait);
                    estimated++;
                }
                Instant from = c.assignedAt.isBefore(start) ? start : c.assignedAt;
                Instant to = c.doneAt == null || c.doneAt.isAfter(end) ? end : c.doneAt;
                if (to.isAfter(from)) {
                    busy += seconds(from, to);
                }
            }
        }
        double available = availableSlotSeconds(s, start, end, agents);
        Double mae = policy == Simulation.Policy.ROUND_ROBIN ? null : estimated == 0 ? 0.0 : errorSum / estimated;
        return new Kpis(percentile(frt, 0.50), percentile(frt, 0.90), percentile(frt, 0.99), percentile(waits, 0.90),
                abandoned, overflow, conversations.isEmpty() ? 1 : (double) met / conversations.size(),
                available == 0 ? 0 : busy / available, mae, erlangCWaitP90(s, start, agents), policy.wire(),
                conversations.size());
    }

    /** The reference bound: M/M/c p90 wait in the busiest hour with c = agents on shift x their slots. */
    static double erlangCWaitP90(Scenario s, Instant start, List<Simulation.SimAgent> agents) {
        int busiest = 0;
        for (int h = 1; h < 24; h++) {
            if (s.profile()[h] > s.profile()[busiest]) {
                busiest = h;
            }
        }
        double days = Math.max(1, s.duration().toSeconds() / 86_400.0);
        double perSecond = s.total() / days * s.profile()[busiest] / 3600.0;
        Instant middle = start.plus(Duration.ofMinutes(busiest * 60L + 30));
        int slots = slotsOnShift(s, middle, agents);
        double p90 = ErlangC.waitQuantileSeconds(slots, perSecond, s.meanServiceSeconds(), 0.9);
        return Math.round(p90 * 10) / 10.0;
    }

    static int slotsOnShift(Scenario s, Instant at, List<Simulation.SimAgent> agents) {
        int slots = 0;
        for (Simulation.SimAgent agent : agents) {
            if (onShift(s, agent.shifts, at)) {
                slots += agent.maxChats;
            }
        }
        return slots;
    }

    static boolean onShift(Scenario s, List<Scenario.Shift> shifts, Instant at) {
        var local = at.atZone(s.timezone());
        for (Scenario.Shift shift : shifts) {
            for (int back = 0; back <= 1; back++) {
                Instant from = local.toLocalDate().minusDays(back).atTime(shift.start()).atZone(s.timezone())
                        .toInstant();
                if (!at.isBefore(from) && at.isBefore(from.plus(shift.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double availableSlotSeconds(Scenario s, Instant start, Instant end,
                                               List<Simulation.SimAgent> agents) {
        double total = 0;
        long days = s.duration().toDays() + 1;
        for (Simulation.SimAgent agent : agents) {
            for (long day = -1; day <= days; day++) {
                for (Scenario.Shift shift : agent.shifts) {
                    Instant from = start.atZone(s.timezone()).toLocalDate().plusDays(day).atTime(shift.start())
                            .atZone(s.timezone()).toInstant();
                    Instant to = from.plus(shift.length());
                    Instant a = from.isBefore(start) ? start : from;
                    Instant b = to.isAfter(end) ? end : to;
                    if (b.isAfter(a)) {
                        total += seconds(a, b) * agent.maxChats;
                    }
                }
            }
        }
        return total;
    }

    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(q * sorted.size());
        return Math.round(sorted.get(Math.max(0, rank - 1)) * 10) / 10.0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The KPIs under exactly the names of scenarios/README.md. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frt_p50_s", frtP50Seconds);
        m.put("frt_p90_s", frtP90Seconds);
        m.put("frt_p99_s", frtP99Seconds);
        m.put("wait_p90_s", waitP90Seconds);
        m.put("abandoned", abandoned);
        m.put("overflow", overflow);
        m.put("sla_attainment", Math.round(slaAttainment * 10_000) / 10_000.0);
        m.put("occupancy", Math.round(occupancy * 10_000) / 10_000.0);
        m.put("wait_estimate_mae_s", waitEstimateMaeSeconds == null ? null
                : Math.round(waitEstimateMaeSeconds * 10) / 10.0);
        m.put("erlang_c_wait_p90_s", Double.isInfinite(erlangCWaitP90Seconds) ? null : erlangCWaitP90Seconds);
        m.put("policy", policy);
        return m;
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> e : asMap().entrySet()) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            json.append(v == null ? "null" : v instanceof String str ? "\"" + str + "\"" : v.toString());
        }
        return json.append("}\n").toString();
    }

    /** A human-readable table, one KPI a line. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-22s %s%n", "arrivals", arrivals));
        for (Map.Entry<String, Object> e : asMap().entrySet()) {
            Object v = e.getValue();
            String text = v == null ? (e.getKey().startsWith("erlang") ? "inf (load above the slots on shift)"
                    : "n/a (no estimate told)") : v.toString();
            out.append(String.format(Locale.ROOT, "%-22s %s%n", e.getKey(), text));
        }
        return out.toString();
    }
}
