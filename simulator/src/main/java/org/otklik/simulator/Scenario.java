package org.otklik.simulator;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A day (or more) of chat support load and staffing, as described in the team's scenarios/README.md.
 *
 * @param profile         24 hourly shares of the arrivals, summing to 1, repeated for multi-day runs
 * @param departments     share of each department among arrivals
 * @param handling        per department, minutes a conversation holds a slot after the first reply (lognormal)
 * @param firstReplyDelay seconds from assignment to the agent's first reply (lognormal)
 * @param patienceMean    minutes a user keeps waiting before leaving (exponential); zero = never leaves
 * @param globalMaxActive most conversations in progress at once; 0 = no limit
 * @param overflowAfter   a conversation still waiting this long is moved to email; zero = never
 * @param firstResponse   the first-response target for SLA attainment
 */
public record Scenario(String name, long seed, Duration duration, ZoneId timezone, int total, double[] profile,
                       Map<String, Double> departments, double vipShare, Map<String, Distribution> handling,
                       Distribution firstReplyDelay, double patienceMean, List<AgentGroup> agents,
                       int globalMaxActive, Duration overflowAfter, Duration firstResponse) {

    /** A lognormal given by the mean and standard deviation of the distribution itself (not of its logarithm). */
    public record Distribution(double mean, double sd) {
    }

    public record Shift(LocalTime start, Duration length) {
    }

    public record AgentGroup(String name, int count, List<String> skills, int maxChats, List<Shift> shifts) {
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, duration, timezone, total, profile, departments, vipShare, handling,
                firstReplyDelay, patienceMean, agents, globalMaxActive, overflowAfter, firstResponse);
    }

    public Scenario withAgents(List<AgentGroup> groups) {
        return new Scenario(name, seed, duration, timezone, total, profile, departments, vipShare, handling,
                firstReplyDelay, patienceMean, groups, globalMaxActive, overflowAfter, firstResponse);
    }

    /** Mean slot time of one conversation over the department mix: first-reply delay plus handling. */
    public double meanServiceSeconds() {
        double handlingMinutes = 0;
        for (Map.Entry<String, Double> d : departments.entrySet()) {
            handlingMinutes += d.getValue() * handling.get(d.getKey()).mean();
        }
        return handlingMinutes * 60 + firstReplyDelay.mean();
    }
}
