package org.otklik.server.routing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.otklik.engine.routing.OverflowRule;
import org.otklik.engine.routing.Priority;
import org.otklik.engine.routing.RoutingPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Routing settings ({@code otklik.routing.*}); docs/routing.md explains each rule.
 *
 * @param assumedHandlingTime how long a chat holds a slot, for wait estimates before the queue has moved
 * @param rateWindow          how far back a queue's movement counts for wait estimates
 * @param headStart           per priority (vip, reopened, urgent), how far ahead of its arrival a conversation queues
 * @param globalMaxActive     most conversations held by agents at once; 0 = no limit
 * @param departmentCaps      per department, the most of its conversations one agent holds at once
 * @param expandAfter         a conversation that waited this long may be taken by any online agent; 0 = skills only
 * @param overflow            per department: {@code after} (duration) and {@code to} (another department)
 * @param continuityWindow    a new conversation of a user whose last one closed within this window goes to that agent
 *                            when they are online with a free slot
 * @param renoticeAfter       how often waiting users' estimates are checked, to tell them again when it changed a lot
 * @param waitNoticeText      told to a user who has to wait; {@code {position}} and {@code {minutes}} are filled in
 */
@ConfigurationProperties("otklik.routing")
public record RoutingProperties(Duration assumedHandlingTime, Duration rateWindow, Map<String, Duration> headStart,
                                Integer globalMaxActive, Map<String, Integer> departmentCaps, Duration expandAfter,
                                Map<String, Overflow> overflow, Duration continuityWindow, Duration renoticeAfter,
                                String waitNoticeText) {

    /** One department's overflow rule. */
    public record Overflow(Duration after, String to) {
    }

    public RoutingProperties {
        assumedHandlingTime = assumedHandlingTime == null ? RoutingPolicy.DEFAULT.assumedHandlingTime()
                : assumedHandlingTime;
        rateWindow = rateWindow == null ? RoutingPolicy.DEFAULT.rateWindow() : rateWindow;
        headStart = headStart == null ? Map.of() : Map.copyOf(headStart);
        globalMaxActive = globalMaxActive == null ? 0 : globalMaxActive;
        departmentCaps = departmentCaps == null ? Map.of() : Map.copyOf(departmentCaps);
        expandAfter = expandAfter == null ? Duration.ofSeconds(30) : expandAfter;
        overflow = overflow == null ? Map.of() : Map.copyOf(overflow);
        continuityWindow = continuityWindow == null ? Duration.ofDays(30) : continuityWindow;
        renoticeAfter = renoticeAfter == null ? Duration.ofSeconds(30) : renoticeAfter;
        waitNoticeText = waitNoticeText == null
                ? "Все специалисты сейчас заняты. Вы {position}-й в очереди, примерное время ожидания — {minutes} мин."
                  + " Мы ответим здесь же, не закрывайте чат."
                : waitNoticeText;
    }

    /** The engine's policy for these settings. */
    public RoutingPolicy policy() {
        Map<Priority, Duration> starts = new EnumMap<>(Priority.class);
        headStart.forEach((priority, duration) -> starts.put(Priority.fromWire(priority), duration));
        Map<String, OverflowRule> rules = new HashMap<>();
        overflow.forEach((department, rule) -> {
            if (rule.to() == null || rule.after() == null) {
                throw new IllegalArgumentException("otklik.routing.overflow." + department + " needs after and to");
            }
            if (OverflowRule.EMAIL.equals(rule.to())) {
                throw new IllegalArgumentException("otklik.routing.overflow." + department
                        + ".to=email needs the email channel, which is not built yet");
            }
            rules.put(department, new OverflowRule(rule.after(), rule.to()));
        });
        return new RoutingPolicy(assumedHandlingTime, rateWindow, starts, globalMaxActive, departmentCaps, rules,
                expandAfter);
    }
}
