package org.otklik.server.routing;

import java.time.Duration;
import org.otklik.engine.routing.RoutingPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Routing settings ({@code otklik.routing.*}).
 *
 * @param assumedHandlingTime how long a chat holds a slot, for wait estimates before real rates are known
 * @param rateWindow          how far back a department's assignment rate is measured for wait estimates
 * @param waitNoticeText      told to a user who has to wait; {@code {position}} and {@code {minutes}} are filled in
 */
@ConfigurationProperties("otklik.routing")
public record RoutingProperties(Duration assumedHandlingTime, Duration rateWindow, String waitNoticeText) {

    public RoutingProperties {
        assumedHandlingTime = assumedHandlingTime == null ? RoutingPolicy.DEFAULT.assumedHandlingTime()
                : assumedHandlingTime;
        rateWindow = rateWindow == null ? RoutingPolicy.DEFAULT.rateWindow() : rateWindow;
        waitNoticeText = waitNoticeText == null
                ? "Все специалисты сейчас заняты. Вы {position}-й в очереди, примерное время ожидания — {minutes} мин."
                  + " Мы ответим здесь же, не закрывайте чат."
                : waitNoticeText;
    }

    public RoutingPolicy policy() {
        return new RoutingPolicy(assumedHandlingTime, rateWindow);
    }
}
