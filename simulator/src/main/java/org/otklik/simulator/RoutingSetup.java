package org.otklik.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.otklik.engine.routing.OverflowRule;
import org.otklik.engine.routing.RoutingPolicy;

/**
 * How the {@code otklik} policy is configured for a run: the product's overflow rules, as an operator would set them.
 *
 * @param expandAfter a conversation that has waited this long may be taken by any online agent with a free slot (the
 *                    general pool, "skill expansion"); zero = skills only
 * @param overflow    department rules (to another department, to the general pool, or to email), applied as written
 *                    and before {@code expandAfter}
 */
public record RoutingSetup(Duration expandAfter, Map<String, OverflowRule> overflow) {

    /** Otklik's recommended setting: any agent may give the first response after 30 seconds in the queue. */
    public static final Duration RECOMMENDED_EXPAND_AFTER = Duration.ofSeconds(30);

    public static final RoutingSetup SKILLS_ONLY = new RoutingSetup(Duration.ZERO, Map.of());

    public RoutingSetup {
        expandAfter = expandAfter == null ? Duration.ZERO : expandAfter;
        overflow = overflow == null ? Map.of() : Map.copyOf(overflow);
    }

    public static RoutingSetup recommended() {
        return new RoutingSetup(RECOMMENDED_EXPAND_AFTER, Map.of());
    }

    public RoutingSetup withExpandAfter(Duration duration) {
        return new RoutingSetup(duration, overflow);
    }

    /**
     * The engine's policy for a scenario: these rules, the general pool after {@code expandAfter}, and the scenario's
     * limits (the global cap, and email after {@code overflow_after} for wherever a conversation waits last).
     */
    RoutingPolicy policyFor(Scenario scenario) {
        Map<String, OverflowRule> rules = new LinkedHashMap<>(overflow);
        if (!scenario.overflowAfter().isZero()) {
            OverflowRule toEmail = new OverflowRule(scenario.overflowAfter(), OverflowRule.EMAIL);
            if (expandAfter.isZero()) {
                for (String department : scenario.departments().keySet()) {
                    rules.putIfAbsent(department, toEmail);
                }
            }
            rules.put(OverflowRule.ANY_AGENT, toEmail);
            overflow.values().forEach(rule -> {
                if (!rule.toEmail()) {
                    rules.putIfAbsent(rule.target(), toEmail);
                }
            });
        }
        return RoutingPolicy.DEFAULT.withGlobalMaxActive(scenario.globalMaxActive()).withOverflow(rules)
                .withExpandAfter(expandAfter);
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!expandAfter.isZero()) {
            text.append("any agent may take a conversation after ").append(expandAfter.toSeconds()).append(" s");
        } else {
            text.append("skills only");
        }
        overflow.forEach((d, r) -> text.append("; ").append(d).append(" -> ").append(r.target()).append(" after ")
                .append(r.after().toSeconds()).append(" s"));
        return text.toString();
    }
}
