package org.otklik.engine.routing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * The tunable rules of the router.
 *
 * @param assumedHandlingTime how long a chat holds a slot, for wait estimates until real queue movement is seen
 * @param rateWindow          how far back a queue's movement is remembered for wait estimates
 * @param headStarts          per priority, how far ahead of its arrival time a conversation is queued (NORMAL: 0)
 * @param globalMaxActive     most conversations held by agents at once across everyone; 0 = no limit
 * @param departmentCaps      per department, the most conversations of it one agent holds at once (on top of the
 *                            agent's own cap); a department not listed has no such cap
 * @param overflow            per department, where its conversations go after waiting too long
 * @param expandAfter         for departments without their own rule: after this wait any online agent may take the
 *                            conversation (the general pool, {@link OverflowRule#ANY_AGENT}); zero = skills only
 */
public record RoutingPolicy(Duration assumedHandlingTime, Duration rateWindow, Map<Priority, Duration> headStarts,
                            int globalMaxActive, Map<String, Integer> departmentCaps,
                            Map<String, OverflowRule> overflow, Duration expandAfter) {

    public static final Map<Priority, Duration> DEFAULT_HEAD_STARTS = Map.of(Priority.NORMAL, Duration.ZERO,
            Priority.REOPENED, Duration.ofMinutes(5), Priority.VIP, Duration.ofMinutes(10), Priority.URGENT,
            Duration.ofMinutes(15));

    public static final RoutingPolicy DEFAULT = new RoutingPolicy(Duration.ofMinutes(10), Duration.ofMinutes(30),
            DEFAULT_HEAD_STARTS, 0, Map.of(), Map.of(), Duration.ZERO);

    public RoutingPolicy {
        Objects.requireNonNull(assumedHandlingTime, "assumedHandlingTime");
        Objects.requireNonNull(rateWindow, "rateWindow");
        if (assumedHandlingTime.isNegative() || assumedHandlingTime.isZero() || rateWindow.isNegative()
                || rateWindow.isZero()) {
            throw new IllegalArgumentException("routing durations must be positive");
        }
        if (globalMaxActive < 0) {
            throw new IllegalArgumentException("globalMaxActive must not be negative");
        }
        Map<Priority, Duration> starts = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            Duration d = headStarts == null ? null : headStarts.get(p);
            starts.put(p, d == null ? DEFAULT_HEAD_STARTS.get(p) : d);
        }
        headStarts = Map.copyOf(starts);
        expandAfter = expandAfter == null ? Duration.ZERO : expandAfter;
        if (expandAfter.isNegative()) {
            throw new IllegalArgumentException("expandAfter must not be negative");
        }
        departmentCaps = departmentCaps == null ? Map.of() : Map.copyOf(departmentCaps);
        overflow = overflow == null ? Map.of() : Map.copyOf(overflow);
        for (String start : overflow.keySet()) {
            Set<String> seen = new HashSet<>();
            for (String d = start; overflow.containsKey(d); d = overflow.get(d).target()) {
                if (!seen.add(d)) {
                    throw new IllegalArgumentException("overflow rules go round in a circle through " + d);
                }
            }
        }
    }

    public Duration headStart(Priority priority) {
        return headStarts.get(priority);
    }

    /** The rule for a department's queue: its own, else the general pool after {@code expandAfter}, else none. */
    public OverflowRule overflowFor(String department) {
        OverflowRule rule = overflow.get(department);
        if (rule == null && !expandAfter.isZero() && !OverflowRule.ANY_AGENT.equals(department)) {
            rule = new OverflowRule(expandAfter, OverflowRule.ANY_AGENT);
        }
        return rule;
    }

    /** Whether some conversation can end up in the general pool. */
    public boolean usesGeneralPool() {
        return !expandAfter.isZero() || overflow.values().stream().anyMatch(r -> OverflowRule.ANY_AGENT.equals(
                r.target()));
    }

    public RoutingPolicy withExpandAfter(Duration after) {
        return new RoutingPolicy(assumedHandlingTime, rateWindow, headStarts, globalMaxActive, departmentCaps,
                overflow, after);
    }

    public RoutingPolicy withGlobalMaxActive(int max) {
        return new RoutingPolicy(assumedHandlingTime, rateWindow, headStarts, max, departmentCaps, overflow,
                expandAfter);
    }

    public RoutingPolicy withOverflow(Map<String, OverflowRule> rules) {
        return new RoutingPolicy(assumedHandlingTime, rateWindow, headStarts, globalMaxActive, departmentCaps, rules,
                expandAfter);
    }

    public RoutingPolicy withDepartmentCaps(Map<String, Integer> caps) {
        return new RoutingPolicy(assumedHandlingTime, rateWindow, headStarts, globalMaxActive, caps, overflow,
                expandAfter);
    }
}
