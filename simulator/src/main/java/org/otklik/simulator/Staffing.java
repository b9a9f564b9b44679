package org.otklik.simulator;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many agents each hour needs for a first-response target: Erlang C gives the first guess (all skills pooled),
 * then the plan is simulated with the real router: every hour that misses the target gets one more agent until all
 * meet it, and then hours that meet it with one agent fewer give that agent up (Erlang C ignores users who give up
 * and agents who finish chats past the hour, so it is often slightly high).
 */
public final class Staffing {

    /** One hour of the plan. */
    public record Hour(int hour, double arrivals, int erlangC, int simulated, int onShift, double simulatedSla) {
    }

    private static final int MAX_ROUNDS = 12;

    private Staffing() {
    }

    public static List<Hour> plan(Scenario scenario, double targetSla) {
        if (targetSla <= 0 || targetSla >= 1) {
            throw new IllegalArgumentException("the target SLA must be between 0 and 1");
        }
        int slotsPerAgent = typicalMaxChats(scenario);
        double days = Math.max(1, scenario.duration().toSeconds() / 86_400.0);
        double service = scenario.meanServiceSeconds();
        double waitTarget = Math.max(1, scenario.firstResponse().toSeconds() - scenario.firstReplyDelay().mean());
        int[] erlang = new int[24];
        double[] perHour = new double[24];
        for (int h = 0; h < 24; h++) {
            perHour[h] = scenario.total() / days * scenario.profile()[h];
            double lambda = perHour[h] / 3600;
            int slots = (int) Math.ceil(lambda * service);
            while (lambda > 0 && ErlangC.serviceLevel(slots, lambda, service, waitTarget) < targetSla) {
                slots++;
            }
            erlang[h] = (int) Math.ceil(slots / (double) slotsPerAgent);
        }

        int[] plan = erlang.clone();
        double[] sla = new double[24];
        raiseUntilMet(scenario, plan, slotsPerAgent, sla, targetSla);
        // then downwards: try one agent fewer in every hour at once, keep the cuts that still meet the target
        boolean[] settled = new boolean[24];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int[] trial = plan.clone();
            boolean anyCut = false;
            for (int h = 0; h < 24; h++) {
                if (!settled[h] && trial[h] > 1) {
                    trial[h]--;
                    anyCut = true;
                }
            }
            if (!anyCut) {
                break;
            }
            double[] trialSla = new double[24];
            simulate(scenario, trial, slotsPerAgent, trialSla);
            for (int h = 0; h < 24; h++) {
                if (trial[h] < plan[h]) {
                    if (trialSla[h] >= targetSla) {
                        plan[h] = trial[h];
                    } else {
                        settled[h] = true;
                    }
                }
            }
        }
        // the cuts were judged together; hours lean on their neighbours, so make sure every hour still meets it
        raiseUntilMet(scenario, plan, slotsPerAgent, sla, targetSla);

        List<Hour> hours = new ArrayList<>();
        Simulation reference = Simulation.runDetailed(scenario, Simulation.Policy.OTKLIK, RoutingSetup.recommended());
        for (int h = 0; h < 24; h++) {
            int onShift = 0;
            var at = reference.start().plus(Duration.ofMinutes(h * 60L + 30));
            for (Simulation.SimAgent agent : reference.agents()) {
                if (Kpis.onShift(scenario, agent.shifts, at)) {
                    onShift++;
                }
            }
            hours.add(new Hour(h, Math.round(perHour[h] * 10) / 10.0, erlang[h], plan[h], onShift, sla[h]));
        }
        return hours;
    }

    /** Every hour that misses the target in simulation gets one more agent, until all meet it. */
    private static void raiseUntilMet(Scenario scenario, int[] plan, int slotsPerAgent, double[] sla,
                                      double targetSla) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            simulate(scenario, plan, slotsPerAgent, sla);
            boolean allMet = true;
            for (int h = 0; h < 24; h++) {
                if (sla[h] < targetSla) {
                    plan[h]++;
                    allMet = false;
                }
            }
            if (allMet) {
                return;
            }
        }
    }

    private static void simulate(Scenario scenario, int[] plan, int slotsPerAgent, double[] sla) {
        Simulation run = Simulation.runDetailed(withPlan(scenario, plan, slotsPerAgent), Simulation.Policy.OTKLIK,
                RoutingSetup.recommended());
        Map<Integer, List<Simulation.Conversation>> byHour = run.byHour();
        for (int h = 0; h < 24; h++) {
            sla[h] = attainment(byHour.getOrDefault(h, List.of()), scenario.firstResponse());
        }
    }

    /** The scenario with its agents replaced by the plan: per hour, that many generalists on a one-hour shift. */
    static Scenario withPlan(Scenario scenario, int[] plan, int slotsPerAgent) {
        List<Scenario.AgentGroup> groups = new ArrayList<>();
        List<String> all = List.copyOf(scenario.departments().keySet());
        for (int h = 0; h < 24; h++) {
            if (plan[h] > 0) {
                groups.add(new Scenario.AgentGroup("hour-" + h, plan[h], all, slotsPerAgent,
                        List.of(new Scenario.Shift(LocalTime.of(h, 0), Duration.ofHours(1)))));
            }
        }
        return scenario.withAgents(groups);
    }

    private static double attainment(List<Simulation.Conversation> conversations, Duration target) {
        if (conversations.isEmpty()) {
            return 1;
        }
        int met = 0;
        for (Simulation.Conversation c : conversations) {
            if (c.firstReplyAt != null && Duration.between(c.arrival.at(), c.firstReplyAt).compareTo(target) <= 0) {
                met++;
            }
        }
        return (double) met / conversations.size();
    }

    private static int typicalMaxChats(Scenario scenario) {
        int best = 4;
        int bestCount = -1;
        for (Scenario.AgentGroup g : scenario.agents()) {
            int count = 0;
            for (Scenario.AgentGroup other : scenario.agents()) {
                if (other.maxChats() == g.maxChats()) {
                    count += other.count();
                }
            }
            if (count > bestCount) {
                best = g.maxChats();
                bestCount = count;
            }
        }
        return best;
    }

    public static String table(List<Hour> hours, double targetSla) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "hour   arrivals  erlang_c  simulated  on_shift  sla_simulated   (target %.2f; agents, all skills pooled)%n",
                targetSla));
        for (Hour h : hours) {
            out.append(String.format(Locale.ROOT, "%02d:00  %8.1f  %8d  %9d  %8d  %13.3f%s%n", h.hour(), h.arrivals(),
                    h.erlangC(), h.simulated(), h.onShift(), h.simulatedSla(),
                    h.onShift() < h.simulated() ? "   short by " + (h.simulated() - h.onShift()) : ""));
        }
        return out.toString();
    }
}
