package org.otklik.server.conversation;

import java.time.Duration;
import org.otklik.engine.lifecycle.LifecyclePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Lifecycle settings ({@code otklik.lifecycle.*}).
 *
 * @param reopenWindow          a user message this soon after a close reopens the conversation (default 7 days)
 * @param autoCloseAfter        an unanswered proposed resolution closes as auto_closed after this (default 24 hours)
 * @param resolutionRequestText what the user is asked when the agent proposes a resolution
 */
@ConfigurationProperties("otklik.lifecycle")
public record LifecycleProperties(Duration reopenWindow, Duration autoCloseAfter, String resolutionRequestText) {

    public LifecycleProperties {
        reopenWindow = reopenWindow == null ? LifecyclePolicy.DEFAULT.reopenWindow() : reopenWindow;
        autoCloseAfter = autoCloseAfter == null ? LifecyclePolicy.DEFAULT.autoCloseAfter() : autoCloseAfter;
        resolutionRequestText = resolutionRequestText == null
                ? "Получилось решить вашу проблему? Пожалуйста, подтвердите: да или нет." : resolutionRequestText;
    }

    public LifecyclePolicy policy() {
        return new LifecyclePolicy(reopenWindow, autoCloseAfter);
    }
}
